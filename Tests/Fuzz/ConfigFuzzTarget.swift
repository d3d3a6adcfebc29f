// libFuzzer entry point: arbitrary bytes → YAML parser → Config decoder → queries and ssh argv.
// Built by run-config-fuzz.sh together with the YAML, Config and OpenSSH sources; not part
// of the SwiftPM build.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    do {
        let loaded = try InfraConfig.decode(bytes, file: "fuzz.yaml", environment: ["HOME": "/home/fuzz"])
        let config = loaded.config
        for warning in loaded.warnings { _ = warning.description }
        for host in config.hosts {
            _ = OpenSSHCommandLine(host: host, in: config, command: ["true"]).shellQuoted
        }
        _ = config.hostListings.map(\.cells)
        _ = (config.roles, config.dnsZoneNames, config.appServers)
        _ = UnknownHostError(name: "no-such-host", config: config).availableHosts
    } catch {
        _ = error.message
    }
    return 0
}
