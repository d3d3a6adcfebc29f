import Foundation
import InfraKit

/// Renders a status report in the chosen format and delivers it: to stdout, or atomically to
/// `--output FILE` (a collector reading the file never sees half of it).
enum StatusOutput {
    /// Writes the report and returns the exit status: the Nagios plugin status for `--nagios`,
    /// else the suite's (0, 1, 69, 77; see `StatusExit`).
    static func deliver(
        _ report: FleetReport, options: StatusOptions, invocation: Invocation, context: Context
    ) async throws(TextfileWriteError) -> ExitStatus {
        let text: String
        var status = StatusExit.status(for: report)
        switch options.format {
        case .table:
            let color = options.outputPath == nil && context.usesColor(invocation.global.color)
            text = StatusTableRenderer.render(report, color: color)
        case .json:
            text = StatusJSONRenderer.render(report)
        case .prometheus:
            text = PrometheusTextfileRenderer.render(report, generatedAt: Date())
        case .nagios:
            let nagios = NagiosRenderer.render(report)
            text = nagios.text
            status = nagios.status.exitStatus
        }
        if let path = options.outputPath {
            let resolved = context.resolvedPath(path)
            try await onDedicatedThread { () throws(TextfileWriteError) in
                try TextfileWriter.writeAtomically(text, to: resolved)
            }
            Console(invocation: invocation, context: context).trace("wrote \(path)")
        } else {
            context.stdout.write(text)
        }
        return status
    }
}
