import Foundation
import InfraKit

/// Loads `infra.yaml` for any tool: the file named by `--config`, else the first `infra.yaml`
/// found walking up from the context's current directory.
///
/// Each warning of the file (an unknown key, …) is printed to stderr as
/// `<tool>: warning: <file>:<line>:<column>: …` unless `--quiet`. Errors are thrown as they come
/// from the loader: `ConfigError`, exit 66 for a `--config` file that cannot be opened, 78 for a
/// missing or invalid configuration.
func loadConfig(_ invocation: Invocation, _ context: Context) throws(ConfigError) -> LoadedConfig {
    let console = Console(invocation: invocation, context: context)
    let loaded: LoadedConfig
    if let path = invocation.global.configPath {
        loaded = try InfraConfig.load(path: context.resolvedPath(path), environment: context.environment)
    } else {
        loaded = try InfraConfig.discover(from: context.currentDirectory, environment: context.environment)
    }
    console.trace("configuration: \(loaded.path)")
    for warning in loaded.warnings { console.warning(warning.description) }
    return loaded
}
