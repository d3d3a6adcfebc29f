import InfraKit

/// How every tool finds its `infra.yaml`: the file named by `--config` (relative to the current
/// directory), else the first `infra.yaml` found walking up from the current directory.
///
/// Errors are thrown as they come from the loader: `ConfigError`, exit 66 for a `--config` file
/// that cannot be opened, 78 for a missing or invalid configuration.
public enum ConfigLoading {
    /// Loads the configuration and prints each of its warnings (an unknown key, …) to stderr as
    /// `<tool>: warning: <file>:<line>:<column>: …` unless `--quiet`.
    public static func load(_ invocation: Invocation, _ context: Context) throws(ConfigError) -> LoadedConfig {
        let loaded = try loadQuietly(configPath: invocation.global.configPath, context)
        let console = Console(invocation: invocation, context: context)
        console.trace("configuration: \(loaded.path)")
        for warning in loaded.warnings { console.warning(warning.description) }
        return loaded
    }

    /// The same without printing anything: for shell completion, which must stay silent.
    static func loadQuietly(configPath: String?, _ context: Context) throws(ConfigError) -> LoadedConfig {
        if let configPath {
            return try InfraConfig.load(path: context.resolvedPath(configPath), environment: context.environment)
        }
        return try InfraConfig.discover(from: context.currentDirectory, environment: context.environment)
    }
}
