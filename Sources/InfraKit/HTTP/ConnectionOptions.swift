/// What every provider's options say about the connection itself; ``APIClient/Configuration``
/// takes them over in one place rather than field by field in each provider.
public protocol ConnectionOptions: Sendable {
    var userAgent: String { get }
    var retryPolicy: RetryPolicy { get }
    var connectTimeout: Duration { get }
    var requestTimeout: Duration { get }
    var extraCABundlePath: String? { get }
    var trace: TraceSink? { get }
    var transport: (any HTTPTransport)? { get }
}

extension APIClient.Configuration {
    /// A configuration for `baseURL` with the connection settings of a provider's `options`.
    public init(baseURL: String, errorPrefix: String, options: some ConnectionOptions) {
        self.init(baseURL: baseURL, errorPrefix: errorPrefix, userAgent: options.userAgent)
        retryPolicy = options.retryPolicy
        connectTimeout = options.connectTimeout
        requestTimeout = options.requestTimeout
        extraCABundlePath = options.extraCABundlePath
        trace = options.trace
        transport = options.transport
    }
}
