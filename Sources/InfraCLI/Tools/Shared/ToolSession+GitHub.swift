import InfraKit

extension ToolSession {
    /// gh, run as a child process, for GitHub's API: the user's own environment (their gh login,
    /// `GH_HOST`, `GH_TOKEN`), never a prompt, pager or color; each run stopped after `timeout`.
    func gh(timeout: Duration) -> GHProcessRunner {
        GHProcessRunner(environment: context.environment, timeout: timeout)
    }
}
