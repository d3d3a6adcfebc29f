import Foundation

/// The secrets of one canary run: every credential the tools are handed, right or wrong, made
/// fresh for the run around a random core that no legitimate output can contain.
struct CanarySecrets: Sendable {
    /// One secret value and what gives it away in any encoding that keeps letters and digits.
    struct Secret: Sendable, Hashable {
        /// What it is, for failure messages: `CloudNS password`, `wrong Hetzner Cloud token`.
        let label: String
        let value: String
        /// 32 random hex digits inside the value: literal, URL- or form-encoded, JSON-escaped or
        /// shell-quoted, the value still shows it.
        let core: String

        /// `+/&=` make URL, form and JSON encodings differ from the value itself.
        init(_ label: String, prefix: String) {
            self.label = label
            core = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            value = "\(prefix)-\(core)+/&="
        }
    }

    /// A Robot webservice user is a name, not a secret; its password is.
    static let robotUser = "#ws+canary"
    /// The CloudNS API user the emulator knows, with ``cloudNS`` as its password.
    static let cloudNSAuthID = "4242"

    let cloudNS = Secret("CloudNS password", prefix: "cnry-dns")
    let cloudNSWrong = Secret("wrong CloudNS password", prefix: "cnry-dns-wrong")
    let hetznerCloud = Secret("Hetzner Cloud token", prefix: "cnry-hcloud")
    let hetznerCloudWrong = Secret("wrong Hetzner Cloud token", prefix: "cnry-hcloud-wrong")
    let hetznerRobot = Secret("Hetzner Robot password", prefix: "cnry-robot")
    let hetznerRobotWrong = Secret("wrong Hetzner Robot password", prefix: "cnry-robot-wrong")
    let gitHub = Secret("GitHub token", prefix: "cnry-gh")
    let gitHubWrong = Secret("wrong GitHub token", prefix: "cnry-gh-wrong")
    /// GH_TOKEN and GITHUB_TOKEN: set beside the enterprise token gh uses, read by nobody.
    let gitHubUnused = Secret("GH_TOKEN", prefix: "cnry-ghtoken")
    /// The secret a seeded secret scanning alert found; infra-monitor reads alerts without it.
    let alertSecret = Secret("secret scanning alert's secret", prefix: "cnry-alert")

    var all: [Secret] {
        [
            cloudNS, cloudNSWrong, hetznerCloud, hetznerCloudWrong, hetznerRobot, hetznerRobotWrong, gitHub, gitHubWrong,
            gitHubUnused, alertSecret,
        ]
    }

    /// A form of a secret to look for, and what it is.
    struct Needle: Sendable, Hashable {
        let text: String
        let label: String
    }

    /// Every form a secret could leak in: its core (any encoding that keeps alphanumerics), its
    /// base64 and base64url, and the Basic authorization Robot requests carry.
    var needles: [Needle] {
        var needles: [Needle] = []
        for secret in all {
            needles.append(Needle(text: secret.core, label: secret.label))
            let base64 = Data(secret.value.utf8).base64EncodedString()
            needles.append(Needle(text: base64, label: "\(secret.label), base64"))
            needles.append(Needle(text: Self.base64URL(base64), label: "\(secret.label), base64url"))
        }
        for secret in [hetznerRobot, hetznerRobotWrong] {
            let basic = Data("\(Self.robotUser):\(secret.value)".utf8).base64EncodedString()
            needles.append(Needle(text: basic, label: "\(secret.label), as Basic authorization"))
        }
        return needles
    }

    /// Extra needles for one run: private key lines it handed a tool, say.
    static func needles(forPrivateKey key: String) -> [Needle] {
        key.split(separator: "\n").filter { !$0.hasPrefix("-----") && $0.count >= 16 }
            .map { Needle(text: String($0), label: "a private key line") }
    }

    /// Where `needles` show in `text`, as `label (…context…)`.
    static func leaks(of needles: [Needle], in text: String) -> [String] {
        needles.compactMap { needle in
            guard let range = text.range(of: needle.text) else { return nil }
            let start = text.index(range.lowerBound, offsetBy: -60, limitedBy: text.startIndex) ?? text.startIndex
            let end = text.index(range.upperBound, offsetBy: 20, limitedBy: text.endIndex) ?? text.endIndex
            return "\(needle.label) (…\(text[start..<end])…)"
        }
    }

    private static func base64URL(_ base64: String) -> String {
        var text = base64.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }
}
