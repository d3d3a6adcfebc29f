import InfraKit

/// How every tool finds its `infra.yaml`: `--config FILE` when given, else the first
/// `infra.yaml` found walking up from the current directory.
public enum ConfigLoading {
    /// Loads the configuration and prints its warnings (unknown keys, …) unless `--quiet`.
    /// Errors are `ConfigError`s: exit 78 for content, 66 for a file that cannot be read.
    public static func load(_ invocation: Invocation, _ context: Context) throws(ConfigError) -> LoadedConfig {
        let loaded = try loadQuietly(configPath: invocation.global.configPath, context)
        let console = Console(invocation: invocation, context: context)
        for warning in loaded.warnings { console.warning("\(warning)") }
        return loaded
    }

    /// The same without printing anything: for shell completion, which must stay silent.
    static func loadQuietly(configPath: String?, _ context: Context) throws(ConfigError) -> LoadedConfig {
        if let configPath {
            let path = configPath.hasPrefix("/") ? configPath : context.currentDirectory + "/" + configPath
            return try InfraConfig.load(path: path, environment: context.environment)
        }
        return try InfraConfig.discover(from: context.currentDirectory, environment: context.environment)
    }
}
