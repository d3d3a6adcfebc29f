/// Where `cert deploy` finds the certificate and key: its options, or what an ACME client hands a
/// deploy hook — certbot's `--deploy-hook` (`RENEWED_LINEAGE`), dehydrated's hook arguments
/// (`deploy_cert DOMAIN KEYFILE CERTFILE FULLCHAINFILE CHAINFILE TIMESTAMP`) or lego's `--run-hook`
/// (`LEGO_CERT_PATH`, `LEGO_CERT_KEY_PATH`).
public enum CertificateHookInput {
    public enum Variable {
        public static let renewedLineage = EnvironmentVariable(
            "RENEWED_LINEAGE", "Set by certbot for a deploy hook: the directory holding fullchain.pem and privkey.pem.")
        public static let legoCertificate = EnvironmentVariable(
            "LEGO_CERT_PATH", "Set by lego for a run hook: the certificate (full chain).")
        public static let legoKey = EnvironmentVariable("LEGO_CERT_KEY_PATH", "Set by lego for a run hook: the private key.")
    }

    public static let variables = [Variable.renewedLineage, Variable.legoCertificate, Variable.legoKey]

    /// The events dehydrated calls its hook with; only `deploy_cert` does anything.
    static let dehydratedEvents: Set<String> = [
        "deploy_challenge", "clean_challenge", "sync_cert", "deploy_cert", "deploy_ocsp", "unchanged_cert",
        "invalid_challenge", "request_failure", "generate_csr", "startup_hook", "exit_hook",
    ]

    public enum Resolution: Sendable, Equatable {
        /// Deploy the chain in `certificate` with the key in `key` to `name` (nil: infra.yaml's).
        case deploy(certificate: String, key: String, name: String?, via: String)
        /// A hook event with nothing to do: succeed silently.
        case ignore(event: String)
    }

    /// Decides from the options, the positional `arguments` and the environment. A half-given
    /// pair of files or extra arguments is a usage problem, returned as the error's message.
    public static func resolve(
        certificate: String?, key: String?, arguments: [String], environment: [String: String]
    ) -> Result<Resolution, LoadBalancerError> {
        func usage(_ text: String) -> Result<Resolution, LoadBalancerError> { .failure(LoadBalancerError(text, exitStatus: .usage)) }
        if certificate != nil || key != nil {
            guard let certificate, let key else { return usage("--cert and --key go together") }
            guard arguments.count <= 1 else { return usage("expected at most one NAME, got \(arguments.count) arguments") }
            return .success(.deploy(certificate: certificate, key: key, name: arguments.first, via: "--cert and --key"))
        }
        if let event = arguments.first, dehydratedEvents.contains(event) || event.hasPrefix("this_hookscript_is_broken") {
            guard event == "deploy_cert" else { return .success(.ignore(event: event)) }
            guard arguments.count >= 5 else {
                return usage("deploy_cert: expected DOMAIN KEYFILE CERTFILE FULLCHAINFILE CHAINFILE TIMESTAMP")
            }
            return .success(.deploy(certificate: arguments[4], key: arguments[2], name: nil, via: "dehydrated deploy_cert"))
        }
        guard arguments.count <= 1 else { return usage("expected at most one NAME, got \(arguments.count) arguments") }
        if let lineage = Variable.renewedLineage.value(in: environment) {
            return .success(
                .deploy(
                    certificate: lineage + "/fullchain.pem", key: lineage + "/privkey.pem", name: arguments.first,
                    via: "certbot (RENEWED_LINEAGE)"))
        }
        if let chain = Variable.legoCertificate.value(in: environment), let key = Variable.legoKey.value(in: environment) {
            return .success(.deploy(certificate: chain, key: key, name: arguments.first, via: "lego (LEGO_CERT_PATH)"))
        }
        return usage(
            "give --cert FULLCHAIN and --key KEY, or run as a deploy hook (certbot RENEWED_LINEAGE, dehydrated deploy_cert, lego LEGO_CERT_PATH)")
    }
}
