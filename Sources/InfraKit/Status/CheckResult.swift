/// The verdict of one check: a service of a host (`galera`, `redis`), or a check that is not a
/// host's own (a load balancer's target).
public struct CheckResult: Sendable, Codable, Equatable {
    /// What was checked: the service's name, or `lb1 target web1`.
    public var name: String
    public var state: ServiceState
    /// What was seen: `size 3/3, Primary, Synced (container mariadb)`, `PONG`, an error line.
    public var detail: String

    public init(name: String, state: ServiceState, detail: String) {
        self.name = name
        self.state = state
        self.detail = detail
    }
}
