import Foundation

/// The attempt loop behind ``APIClient/send(_:as:decoder:)`` and ``APIClient/sendRaw(_:)``.
extension APIClient {
    /// A finished call: the response and what is needed to blame it later (decoding).
    struct Exchange {
        let response: HTTPResponse
        let failure: (APIError.Reason) -> APIError
    }

    private enum Outcome {
        case success(HTTPResponse)
        case rateLimited(wait: Duration, APIError.Reason)
        case retryable(APIError.Reason, reachedServer: Bool)
        case failed(APIError.Reason)
    }

    func perform(_ request: HTTPRequest) async throws(APIError) -> Exchange {
        let policy = configuration.retryPolicy
        let deadline = configuration.overallTimeout.map { ContinuousClock.now + $0 }
        let prepared: TransportRequest
        do {
            prepared = try prepare(request)
        } catch {
            let target = redactor.redactURL(Self.pathAndQuery(of: url(for: request)))
            throw APIError(
                prefix: configuration.errorPrefix, method: request.method, target: target,
                reason: .invalidRequest(redactor.redact(error.message)), attempts: 0)
        }
        let tracedURL = redactor.redactURL(prepared.url)
        let target = redactor.redactURL(Self.pathAndQuery(of: prepared.url))
        func failure(_ reason: APIError.Reason, attempts: Int) -> APIError {
            APIError(
                prefix: configuration.errorPrefix, method: request.method, target: target, reason: reason,
                attempts: attempts)
        }

        var lastFailure = APIError.Reason.cancelled
        for attempt in 0..<policy.attempts {
            let attemptsMade = attempt + 1
            do {
                try await gate.admit(deadline: deadline)
            } catch {
                throw failure(interruption(error), attempts: attempt)
            }
            var attemptRequest = prepared
            if let deadline {
                let remaining = deadline - ContinuousClock.now
                guard remaining > .zero else { throw failure(interruption(.deadline), attempts: attempt) }
                attemptRequest.timeout = min(attemptRequest.timeout, remaining)
                attemptRequest.connectTimeout = min(attemptRequest.connectTimeout, remaining)
            }

            let started = ContinuousClock.now
            let outcome: Outcome
            do {
                outcome = evaluate(try await transport.execute(attemptRequest))
            } catch {
                let deadlinePassed = deadline.map { ContinuousClock.now >= $0 } ?? false
                if error.kind == .cancelled || deadlinePassed {
                    let reason = interruption(Task.isCancelled || !deadlinePassed ? .cancelled : .deadline)
                    trace(request.method, tracedURL, reason == .cancelled ? "cancelled" : "overall timeout reached",
                        since: started, attempt: attempt, of: policy.attempts)
                    throw failure(reason, attempts: attemptsMade)
                }
                outcome = evaluate(error)
            }
            let isLast = attemptsMade == policy.attempts

            switch outcome {
            case .success(let response):
                trace(request.method, tracedURL, "HTTP \(response.status)", since: started, attempt: attempt,
                    of: policy.attempts)
                return Exchange(response: response) { reason in failure(reason, attempts: attemptsMade) }

            case .failed(let reason):
                trace(request.method, tracedURL, summary(reason), since: started, attempt: attempt,
                    of: policy.attempts)
                throw failure(reason, attempts: attemptsMade)

            case .rateLimited(let wait, let reason):
                lastFailure = reason
                gate.block(until: ContinuousClock.now + wait)
                let next = isLast ? "" : "; rate limited, next attempt in \(wait.milliseconds) ms"
                trace(request.method, tracedURL, summary(reason) + next, since: started, attempt: attempt,
                    of: policy.attempts)

            case .retryable(let reason, let reachedServer):
                lastFailure = reason
                if reachedServer && !request.mayBeRepeated {
                    trace(request.method, tracedURL,
                        summary(reason) + "; not retried: the server may have received this \(request.method)",
                        since: started, attempt: attempt, of: policy.attempts)
                    throw failure(reason, attempts: attemptsMade)
                }
                guard !isLast else {
                    trace(request.method, tracedURL, summary(reason), since: started, attempt: attempt,
                        of: policy.attempts)
                    break
                }
                let delay = policy.backoff(afterAttempt: attempt)
                trace(request.method, tracedURL, summary(reason) + "; retrying in \(delay.milliseconds) ms",
                    since: started, attempt: attempt, of: policy.attempts)
                do {
                    try await RequestGate.sleep(until: ContinuousClock.now + delay, deadline: deadline)
                } catch {
                    throw failure(interruption(error), attempts: attemptsMade)
                }
            }
        }
        throw failure(lastFailure, attempts: policy.attempts)
    }

    private func evaluate(_ response: HTTPResponse) -> Outcome {
        switch response.status {
        case 200...299:
            switch configuration.classifier?(response) ?? .accept {
            case .accept:
                return .success(response)
            case .rateLimited(let retryAfter):
                return .rateLimited(wait: retryAfter ?? RetryAfter.fallback, .rateLimited)
            case .failure(let message, let exitStatus):
                return .failed(.rejected(message: redactor.redact(message), exitStatus: exitStatus))
            }
        case 429:
            let wait = RetryAfter.delay(response.headers["Retry-After"])
            return .rateLimited(wait: wait, httpFailure(response))
        case 500...599:
            return .retryable(httpFailure(response), reachedServer: true)
        default:
            return .failed(httpFailure(response))
        }
    }

    private func evaluate(_ error: TransportError) -> Outcome {
        let reason = APIError.Reason.transport(error.kind, detail: redactor.redact(error.message))
        return error.kind.isTransient
            ? .retryable(reason, reachedServer: error.mayHaveReachedServer) : .failed(reason)
    }

    private func httpFailure(_ response: HTTPResponse) -> APIError.Reason {
        .http(status: response.status, body: redactor.excerpt(of: response.body))
    }

    private func interruption(_ interruption: RequestGate.Interruption) -> APIError.Reason {
        switch interruption {
        case .cancelled: .cancelled
        case .deadline: .deadlineExceeded(configuration.overallTimeout ?? .zero)
        }
    }

    private func summary(_ reason: APIError.Reason) -> String {
        switch reason {
        case .http(let status, _): "HTTP \(status)"
        case .transport(let kind, let detail): "\(kind): \(detail)"
        case .rejected(let message, _): "rejected: \(message)"
        case .rateLimited: "rate limited"
        default: "failed"
        }
    }

    private func trace(
        _ method: HTTPMethod, _ url: String, _ result: String, since started: ContinuousClock.Instant,
        attempt: Int, of attempts: Int
    ) {
        guard let sink = configuration.trace else { return }
        let elapsed = (ContinuousClock.now - started).milliseconds
        let line = "\(configuration.errorPrefix): \(method) \(url) -> \(result) in \(elapsed) ms"
            + " (attempt \(attempt + 1)/\(attempts))"
        sink(redactor.redact(line))
    }
}

/// Turning an ``HTTPRequest`` into what the transport sends.
extension APIClient {
    struct InvalidRequest: Error {
        let message: String
    }

    func prepare(_ request: HTTPRequest) throws(InvalidRequest) -> TransportRequest {
        var request = request
        do {
            try configuration.authenticator.apply(to: &request)
        } catch {
            throw InvalidRequest(message: error.message)
        }
        var headers = request.headers
        if !headers.contains("User-Agent") { headers["User-Agent"] = configuration.userAgent }
        if !headers.contains("Accept") { headers["Accept"] = "application/json" }
        if let contentType = request.body.contentType, !headers.contains("Content-Type") {
            headers["Content-Type"] = contentType
        }
        for field in headers where !Self.isValidHeader(field) {
            throw InvalidRequest(message: "header \(field.name) contains a line break or an invalid name")
        }
        return TransportRequest(
            method: request.method, url: url(for: request), headers: headers, body: request.body.data,
            connectTimeout: configuration.connectTimeout, timeout: configuration.requestTimeout)
    }

    func url(for request: HTTPRequest) -> String {
        var base = Substring(configuration.baseURL)
        while base.hasSuffix("/") { base = base.dropLast() }
        let path = request.path.isEmpty || request.path.hasPrefix("/") ? request.path : "/" + request.path
        var url = String(base) + path
        if !request.query.isEmpty {
            url += (url.contains("?") ? "&" : "?") + request.query.percentEncoded
        }
        return url
    }

    /// `/v1/servers?page=2` from `https://api.hetzner.cloud/v1/servers?page=2`.
    static func pathAndQuery(of url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let afterAuthority = url[schemeEnd.upperBound...].firstIndex { $0 == "/" || $0 == "?" }
        guard let afterAuthority else { return "/" }
        let rest = url[afterAuthority...]
        return rest.hasPrefix("?") ? "/" + rest : String(rest)
    }

    private static func isValidHeader(_ field: HTTPHeaders.Field) -> Bool {
        let tokenCharacters = Set("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return !field.name.isEmpty && field.name.allSatisfy(tokenCharacters.contains)
            && !field.value.unicodeScalars.contains { $0 == "\r" || $0 == "\n" || $0 == "\0" }
    }
}
