// Every place a provider's answer is decoded, callable with arbitrary bytes: the CloudNS, Hetzner
// Cloud, Hetzner Robot and GitHub (gh) decoders, the error envelopes and the classifiers that read
// answer bodies and rate-limit headers. Shared by the corpus tests and the libFuzzer target
// (Tests/Fuzz/ProviderJSONFuzzTarget.swift), which compiles this file into one module with the
// InfraKit sources it needs and defines PROVIDER_JSON_FUZZ.

import Foundation

#if !PROVIDER_JSON_FUZZ
@testable import InfraKit
#endif

/// An answer as a transport would hand it over. Bytes that start with a status line
/// (`HTTP/1.1 429 Too Many Requests`) carry headers up to the first empty line and the body after
/// it, which is also the shape of `gh api --include` output; any other bytes are a 200 body.
struct ProviderAnswerInput {
    var status: Int?
    var headers = HTTPHeaders()
    var body: Data
    /// The bytes as they came, for the gh output reader.
    var raw: [UInt8]

    init(_ bytes: some Collection<UInt8>) {
        raw = Array(bytes)
        body = Data(raw)
        var fields: [(String, String)] = []
        defer { headers = HTTPHeaders(fields) }
        guard raw.starts(with: Array("HTTP/".utf8)) else { return }
        var lines = raw.split(separator: UInt8(ascii: "\n"), maxSplits: 1, omittingEmptySubsequences: false)
        let statusLine = Self.text(lines.removeFirst())
        let words = statusLine.split(separator: " ", maxSplits: 2)
        if words.count >= 2, words[1].count == 3 { status = Int(words[1]) }
        var rest = lines.first ?? []
        while !rest.isEmpty {
            let parts = rest.split(separator: UInt8(ascii: "\n"), maxSplits: 1, omittingEmptySubsequences: false)
            let line = Self.text(parts[0])
            rest = parts.count > 1 ? parts[1] : []
            if line.isEmpty { break }
            if let colon = line.firstIndex(of: ":") {
                fields.append((String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
            }
        }
        body = Data(rest)
    }

    private static func text(_ bytes: ArraySlice<UInt8>) -> String {
        var line = String(decoding: bytes, as: UTF8.self)
        if line.hasSuffix("\r") { line.removeLast() }
        return line
    }
}

/// One decoder entry point. Each run ends in a value or a typed error; anything else (a trap, a
/// crash, a hang) is a bug the fuzzer reports.
struct ProviderAnswerDecoder {
    enum Outcome {
        /// What was decoded, in a few words.
        case value(String)
        /// The typed error the caller would see.
        case failure(any Error)
    }

    /// Seed files named `<name>….json` are answers this decoder must accept.
    let name: String
    let run: (ProviderAnswerInput) -> Outcome

    /// A fixed clock keeps the corpus tests deterministic; time only matters for rate-limit waits.
    static let now = Date(timeIntervalSince1970: 1_796_000_000)

    static var all: [ProviderAnswerDecoder] {
        cloudNSDecoders + hetznerCloudDecoders + robotDecoders + gitHubDecoders
    }

    /// The position in ``all`` of the decoder a seed file is named after: the longest name it
    /// starts with.
    static func index(forSeed file: String) -> Int? {
        all.indices.filter { file.hasPrefix(all[$0].name) }.max { all[$0].name.count < all[$1].name.count }
    }

    static var cloudNSDecoders: [ProviderAnswerDecoder] {
        [
            ProviderAnswerDecoder(name: "cloudns-failure") { input in
                .value("\(CloudNSFailure.verdict(for: HTTPResponse(status: 200, body: input.body), pauses: .init()))")
            },
            cloudNS("cloudns-records") { client, body throws(CloudNSError) in
                try client.decode(CloudNSWire.RecordPage.self, from: body, method: "records").records.map { $0.model() }
            },
            cloudNS("cloudns-zones") { client, body throws(CloudNSError) in
                try client.decode(CloudNSWire.ZonePage.self, from: body, method: "list-zones").zones.map { $0.model() }
            },
            cloudNS("cloudns-zone-info") { client, body throws(CloudNSError) in
                try client.decode(CloudNSWire.ZoneInfo.self, from: body, method: "get-zone-info")
            },
            cloudNS("cloudns-update-status") { client, body throws(CloudNSError) in
                try client.decode([CloudNSWire.ServerStatus].self, from: body, method: "update-status")
            },
            cloudNS("cloudns-add-record") { client, body throws(CloudNSError) in
                try client.decode(CloudNSWire.AddAnswer.self, from: body, method: "add-record").data.id.value
            },
        ]
    }

    static var hetznerCloudDecoders: [ProviderAnswerDecoder] {
        [
            list(HetznerServer.self, "servers"), list(HetznerLoadBalancer.self, "load_balancers"),
            list(HetznerAction.self, "actions"), list(HetznerCertificate.self, "certificates"),
            list(HetznerNetwork.self, "networks"), list(HetznerLocation.self, "locations"),
            list(HetznerLoadBalancerType.self, "load_balancer_types"),
            object(HetznerServer.self, "server"), object(HetznerLoadBalancer.self, "load_balancer"),
            object(HetznerAction.self, "action"), object(HetznerCertificate.self, "certificate"),
            object(HetznerNetwork.self, "network"), object(HetznerImage.self, "image"),
            created(HetznerLoadBalancer.self, "load_balancer"), created(HetznerCertificate.self, "certificate"),
            created(HetznerImage.self, "image"),
            hetznerCloud("hcloud-action-root") { client, body throws(HetznerCloudError) in
                try client.decode(HetznerCloudWire.ActionRoot.self, from: body, root: nil, request: request).action.label
            },
            ProviderAnswerDecoder(name: "hcloud-error") { input in
                let response = input.response(defaultStatus: 422)
                let verdict = HetznerCloudFailure.verdict(for: response)
                let error = HetznerCloudError.from(httpError(response, prefix: "hcloud API"))
                return .value("\(String(describing: verdict)) \(error.kind) \(error.exitStatus) \(error.message)")
            },
            ProviderAnswerDecoder(name: "hcloud-rate-limit") { input in
                let response = input.response(defaultStatus: 200)
                // Formatted as the client's notices print them.
                let pause = HetznerCloudRateLimit.pause(after: response, now: now).map(APIError.format) ?? "-"
                let wait = HetznerCloudRateLimit.wait(afterRefusal: response, now: now).map(APIError.format) ?? "-"
                return .value("pause \(pause), wait \(wait)")
            },
        ]
    }

    static var robotDecoders: [ProviderAnswerDecoder] {
        [
            robot("robot-servers", as: [HetznerRobotServerRoot].self) { $0.map(\.server) },
            robot("robot-server", as: HetznerRobotServerRoot.self) { [$0.server] },
            ProviderAnswerDecoder(name: "robot-error") { input in
                let error = HetznerRobotError.from(httpError(input.response(defaultStatus: 403), prefix: "Robot API"))
                return .value("\(error.kind) \(error.exitStatus) \(error.message)")
            },
        ]
    }

    static var gitHubDecoders: [ProviderAnswerDecoder] {
        [
            alert(.codeScanning, "github-code-scanning"), alert(.dependabot, "github-dependabot"),
            alert(.secretScanning, "github-secret-scanning"),
            ProviderAnswerDecoder(name: "gh-output") { input in
                let output = GHAPIOutput(input.raw)
                var findings = 0
                for page in output.pages where (200..<300).contains(page.status) {
                    for line in page.lines {
                        for kind in AlertKind.allCases where (try? AlertDecoding.finding(kind: kind, json: line, repository: nil)) != nil {
                            findings += 1
                        }
                    }
                }
                // gh exits 1 when it stopped on an error answer.
                let failed = (output.last?.status ?? 200) >= 400
                let outcome = GHOutcome.classify(
                    exitStatus: failed ? 1 : 0, stderr: failed ? "gh: Forbidden (HTTP 403)" : "", output: output, now: now)
                return .value("\(output.pages.count) pages, \(findings) findings, \(outcome), next \(output.resumeLink ?? "-")")
            },
        ]
    }

    // MARK: Clients that never send

    private static let request = HTTPRequest(.get, "/fuzz")

    private static let cloudNSClient: CloudNSClient = {
        var options = CloudNSClient.Options()
        options.transport = NoTransport()
        // The options are valid, so this cannot throw.
        return try! CloudNSClient(credentials: .init(identity: .authID("1"), password: Secret("fuzz-password")), options: options)
    }()

    private static let hetznerCloudClient: HetznerCloudClient = {
        var options = HetznerCloudClient.Options(token: Secret("fuzz-token"))
        options.transport = NoTransport()
        return try! HetznerCloudClient(options: options)
    }()

    private static func cloudNS(
        _ name: String, _ decode: @escaping (CloudNSClient, Data) throws(CloudNSError) -> some Any
    ) -> ProviderAnswerDecoder {
        decoding(name, with: cloudNSClient, decode)
    }

    private static func hetznerCloud(
        _ name: String, _ decode: @escaping (HetznerCloudClient, Data) throws(HetznerCloudError) -> some Any
    ) -> ProviderAnswerDecoder {
        decoding(name, with: hetznerCloudClient, decode)
    }

    /// A client's own `decode`: the value, or the client's typed error.
    private static func decoding<Client, Value, Failure: Error>(
        _ name: String, with client: Client, _ decode: @escaping (Client, Data) throws(Failure) -> Value
    ) -> ProviderAnswerDecoder {
        ProviderAnswerDecoder(name: name) { input in
            do {
                return .value("\(try decode(client, input.body))")
            } catch {
                return .failure(error)
            }
        }
    }

    /// `{"<root>": [...], "meta": {"pagination": …}}`, as `listAll` reads each page.
    private static func list<Item: Decodable>(_ type: Item.Type, _ root: String) -> ProviderAnswerDecoder {
        hetznerCloud("hcloud-list-\(root)") { client, body throws(HetznerCloudError) in
            let page = try client.decode(
                HetznerCloudWire.Page<Item>.self, from: body, root: root, request: HTTPRequest(.get, "/\(root)"))
            return "\(page.items.count) items, next page \(page.nextPage.map(String.init) ?? "-")"
        }
    }

    private static func object<Item: Decodable>(_ type: Item.Type, _ root: String) -> ProviderAnswerDecoder {
        hetznerCloud("hcloud-object-\(root)") { client, body throws(HetznerCloudError) in
            try client.decode(HetznerCloudWire.Single<Item>.self, from: body, root: root, request: HTTPRequest(.get, "/x")).item
        }
    }

    private static func created<Item: Decodable>(_ type: Item.Type, _ root: String) -> ProviderAnswerDecoder {
        hetznerCloud("hcloud-created-\(root)") { client, body throws(HetznerCloudError) in
            let created = try client.decode(
                HetznerCloudWire.Created<Item>.self, from: body, root: root, request: HTTPRequest(.post, "/x"))
            return "\(created.item) by \(created.action?.label ?? "-")"
        }
    }

    /// A repository-level alert (the repository known) and an organisation-level one (named inside).
    private static func alert(_ kind: AlertKind, _ name: String) -> ProviderAnswerDecoder {
        ProviderAnswerDecoder(name: name) { input in
            do throws(AlertDecodingError) {
                let known = try AlertDecoding.finding(kind: kind, json: input.body, repository: "octo-org/octo-repo")
                let named = try? AlertDecoding.finding(kind: kind, json: input.body, repository: nil)
                return .value("\(known.repository)#\(known.number) \(known.severity) \(named?.repository ?? "-")")
            } catch {
                return .failure(error)
            }
        }
    }

    /// What `APIClient.send` and the Robot client do with a body: decode, or a decoding APIError
    /// read again by ``HetznerRobotError/from(_:)``.
    private static func robot<Value: Decodable>(
        _ name: String, as type: Value.Type, servers: @escaping (Value) -> [HetznerRobotServer]
    ) -> ProviderAnswerDecoder {
        ProviderAnswerDecoder(name: name) { input in decodeRobot(input.body, as: Value.self, servers: servers) }
    }

    private static func decodeRobot<Value: Decodable>(
        _ body: Data, as type: Value.Type, servers: (Value) -> [HetznerRobotServer]
    ) -> Outcome {
        do {
            let owned = servers(try JSONDecoder().decode(Value.self, from: body)).map { $0.owns(ip: "192.0.2.1") }
            return .value("\(owned)")
        } catch {
            let redactor = Redactor(secrets: [Secret("fuzz-password")])
            var detail = DecodingFailure.describe(error)
            let excerpt = redactor.excerpt(of: body)
            if !excerpt.isEmpty { detail += "; body: " + excerpt }
            let apiError = APIError(
                prefix: "Robot API", method: .get, target: "/server", reason: .decoding(redactor.redact(detail)), attempts: 1)
            return .failure(HetznerRobotError.from(apiError))
        }
    }

    /// The APIError an HTTP failure becomes, as the APIClient builds it.
    private static func httpError(_ response: HTTPResponse, prefix: String) -> APIError {
        let redactor = Redactor(secrets: [Secret("fuzz-token")])
        return APIError(
            prefix: prefix, method: .get, target: "/fuzz",
            reason: .http(status: response.status, body: redactor.excerpt(of: response.body)), attempts: 2,
            responseBody: redactor.redact(String(decoding: response.body.prefix(16 * 1024), as: UTF8.self)))
    }
}

extension ProviderAnswerInput {
    func response(defaultStatus: Int) -> HTTPResponse {
        HTTPResponse(status: status ?? defaultStatus, headers: headers, body: body)
    }
}

/// Decoding never needs the network; a request reaching the transport is a bug of the harness.
private struct NoTransport: HTTPTransport {
    func execute(_ request: TransportRequest) async throws(TransportError) -> HTTPResponse {
        throw TransportError(.other, "the decoder harness sends nothing", mayHaveReachedServer: false)
    }
}
