// Probes the hosts of a fleet table (the hosts.tsv that Tests/Fixtures/fleet/fleet-up.sh
// writes: NAME ADDRESS PORT ROLE SERVICES …) and prints the report. For bench/status.sh only.
//
//   bench-status HOSTS_TSV KNOWN_HOSTS KEY [TIMEOUT_SECONDS] [table|json|prometheus|nagios]
//   bench-status --commands HOSTS_TSV DIR   writes each host's exec command to DIR/NAME
//                                           (so that ssh and ansible run exactly the same probe)
import Foundation
import InfraKit

let commandsMode = CommandLine.arguments.dropFirst().first == "--commands"
let arguments = commandsMode ? [CommandLine.arguments[0]] + Array(CommandLine.arguments.dropFirst(2)) : CommandLine.arguments
guard arguments.count >= (commandsMode ? 3 : 4) else {
    FileHandle.standardError.write(Data("usage: bench-status HOSTS_TSV KNOWN_HOSTS KEY [TIMEOUT] [FORMAT]\n".utf8))
    exit(64)
}
let timeout = arguments.count > 4 ? Double(arguments[4]) ?? 10 : 10
let format = arguments.count > 5 ? arguments[5] : "table"
let user = ProcessInfo.processInfo.environment["USER"] ?? "root"
guard let table = try? String(contentsOfFile: arguments[1], encoding: .utf8) else {
    FileHandle.standardError.write(Data("bench-status: cannot read \(arguments[1])\n".utf8))
    exit(66)
}
let databaseNodes = table.split(separator: "\n").filter { $0.split(separator: "\t").dropFirst(3).first == "db" }.count
let targets = table.split(separator: "\n").compactMap { line -> ProbeTarget? in
    let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
    guard fields.count >= 5, let port = Int(fields[2]) else { return nil }
    return ProbeTarget(
        name: fields[0], address: fields[1], port: port, user: user, keyPath: commandsMode ? nil : arguments[3], role: fields[3],
        services: fields[4].split(separator: ",").map(String.init),
        expectedClusterSize: min(3, databaseNodes), redisSentinel: fields[3] == "cache")
}
if commandsMode {
    for target in targets {
        try FleetProber.command(for: target).write(toFile: arguments[2] + "/" + target.name, atomically: true, encoding: .utf8)
    }
    exit(0)
}
let options = ProbeOptions(
    timeout: .milliseconds(Int(timeout * 1000)), knownHosts: KnownHostsPolicy(file: KnownHostsFile(path: arguments[2])))
let report = FleetProber.probe(targets, options: options)
let output: String
switch format {
case "json": output = StatusJSONRenderer.render(report)
case "prometheus": output = PrometheusTextfileRenderer.render(report, generatedAt: Date())
case "nagios": output = NagiosRenderer.render(report).text
default: output = StatusTableRenderer.render(report, colour: false)
}
FileHandle.standardOutput.write(Data(output.utf8))
exit(StatusExit.status(for: report).rawValue)
