import Foundation

/// The attempt loop behind ``APIClient/send(_:as:decoder:)`` and ``APIClient/sendRaw(_:)``.
extension APIClient {
    /// A finished call: the response, and how to blame the call if the response is unusable.
    struct Exchange {
        let response: HTTPResponse
        let failure: (APIError.Reason) -> APIError
    }

    /// What stays the same across the attempts of one call.
    private struct Call {
        let request: HTTPRequest
        let prepared: TransportRequest
        let deadline: ContinuousClock.Instant?
        let attempts: Int
        let prefix: String
        let redactor: Redactor

        /// The error for the call. Redacting the target costs more than a loopback request, so it
        /// is only done when an error is actually made.
        func failure(_ reason: APIError.Reason, attempts: Int, response: HTTPResponse? = nil) -> APIError {
            let target = redactor.redactURL(APIClient.pathAndQuery(of: prepared.url))
            let body = response.map { redactor.redact(String(decoding: $0.body.prefix(16 * 1024), as: UTF8.self)) }
            return APIError(
                prefix: prefix, method: request.method, target: target, reason: reason, attempts: attempts,
                responseBody: body)
        }
    }

    private enum Outcome {
        case success(HTTPResponse)
        case interrupted(APIError.Reason)
        case rateLimited(wait: Duration, APIError.Reason)
        case retryable(APIError.Reason, reachedServer: Bool)
        case failed(APIError.Reason)
    }

    func perform(_ request: HTTPRequest) async throws(APIError) -> Exchange {
        let call = try makeCall(request)
        let trace = AttemptTrace(client: self, call: call)
        var lastFailure = APIError.Reason.cancelled
        var lastResponse: HTTPResponse?
        for attempt in 0..<call.attempts {
            do {
                try await gate.admit(deadline: call.deadline)
            } catch {
                throw call.failure(interruption(error), attempts: attempt)
            }
            let started = ContinuousClock.now
            let (outcome, response) = await attemptOnce(call)
            let attemptsMade = attempt + 1
            lastResponse = response

            switch outcome {
            case .success(let response):
                trace.line(attempt, started, "HTTP \(response.status)")
                return Exchange(response: response) { reason in call.failure(reason, attempts: attemptsMade) }

            case .interrupted(let reason), .failed(let reason):
                trace.line(attempt, started, summary(reason))
                throw call.failure(reason, attempts: attemptsMade, response: response)

            case .rateLimited(let wait, let reason):
                lastFailure = reason
                gate.block(until: ContinuousClock.now + wait)
                let isLast = attemptsMade == call.attempts
                trace.line(attempt, started, summary(reason), isLast ? "" : "; next attempt in \(wait.milliseconds) ms")

            case .retryable(let reason, let reachedServer):
                lastFailure = reason
                if reachedServer && !request.mayBeRepeated {
                    let note = "; not retried: the server may have received this \(request.method)"
                    trace.line(attempt, started, summary(reason), note)
                    throw call.failure(reason, attempts: attemptsMade, response: response)
                }
                guard attemptsMade < call.attempts else {
                    trace.line(attempt, started, summary(reason))
                    break
                }
                let delay = configuration.retryPolicy.backoff(afterAttempt: attempt)
                trace.line(attempt, started, summary(reason), "; retrying in \(delay.milliseconds) ms")
                do {
                    try await RequestGate.sleep(until: ContinuousClock.now + delay, deadline: call.deadline)
                } catch {
                    throw call.failure(interruption(error), attempts: attemptsMade)
                }
            }
        }
        throw call.failure(lastFailure, attempts: call.attempts, response: lastResponse)
    }

    private func makeCall(_ request: HTTPRequest) throws(APIError) -> Call {
        let deadline = configuration.overallTimeout.map { ContinuousClock.now + $0 }
        do {
            return Call(
                request: request, prepared: try prepare(request), deadline: deadline,
                attempts: configuration.retryPolicy.attempts, prefix: configuration.errorPrefix, redactor: redactor)
        } catch {
            throw APIError(
                prefix: configuration.errorPrefix, method: request.method,
                target: redactor.redactURL(Self.pathAndQuery(of: url(for: request))),
                reason: .invalidRequest(redactor.redact(error.message)), attempts: 0)
        }
    }

    /// One exchange, its timeouts shortened to what is left of the overall deadline.
    /// One exchange, its timeouts shortened to what is left of the overall deadline; returns the
    /// response too when there was one.
    private func attemptOnce(_ call: Call) async -> (Outcome, HTTPResponse?) {
        var request = call.prepared
        if let deadline = call.deadline {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { return (.interrupted(interruption(.deadline)), nil) }
            request.timeout = min(request.timeout, remaining)
            request.connectTimeout = min(request.connectTimeout, remaining)
        }
        do {
            let response = try await transport.execute(request)
            if let pause = configuration.pacer?(response), pause > .zero {
                gate.block(until: ContinuousClock.now + pause)
            }
            return (evaluate(response), response)
        } catch {
            let deadlinePassed = call.deadline.map { ContinuousClock.now >= $0 } ?? false
            if error.kind == .cancelled || deadlinePassed {
                return (.interrupted(interruption(Task.isCancelled || !deadlinePassed ? .cancelled : .deadline)), nil)
            }
            return (evaluate(error), nil)
        }
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
        default:
            return evaluateFailure(response)
        }
    }

    private func evaluateFailure(_ response: HTTPResponse) -> Outcome {
        switch configuration.failureClassifier?(response) {
        case .rateLimited(let retryAfter):
            return .rateLimited(wait: retryAfter ?? RetryAfter.fallback, httpFailure(response))
        case .retry(let serverDidNotAct):
            return .retryable(httpFailure(response), reachedServer: !serverDidNotAct)
        case .fail:
            return .failed(httpFailure(response))
        case nil:
            break
        }
        switch response.status {
        case 429:
            return .rateLimited(wait: RetryAfter.delay(response.headers["Retry-After"]), httpFailure(response))
        case 500...599:
            return .retryable(httpFailure(response), reachedServer: true)
        default:
            return .failed(httpFailure(response))
        }
    }

    private func evaluate(_ error: TransportError) -> Outcome {
        let reason = APIError.Reason.transport(error.kind, detail: redactor.redact(error.message))
        return error.kind.isTransient ? .retryable(reason, reachedServer: error.mayHaveReachedServer) : .failed(reason)
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
        case .cancelled: "cancelled"
        case .deadlineExceeded: "overall timeout reached"
        case .decoding, .invalidRequest: "failed"
        }
    }

    /// Writes the `--verbose` line of each attempt:
    /// `<prefix>: <METHOD> <url> -> <result> in <ms> ms (attempt n/N)[; what happens next]`.
    private struct AttemptTrace {
        private let sink: TraceSink?
        private let head: String
        private let attempts: Int
        private let redactor: Redactor

        init(client: APIClient, call: Call) {
            sink = client.configuration.trace
            attempts = call.attempts
            redactor = call.redactor
            head = sink == nil ? "" : "\(call.prefix): \(call.request.method) \(call.redactor.redactURL(call.prepared.url))"
        }

        func line(_ attempt: Int, _ started: ContinuousClock.Instant, _ result: String, _ note: String = "") {
            guard let sink else { return }
            let elapsed = (ContinuousClock.now - started).milliseconds
            sink(redactor.redact("\(head) -> \(result) in \(elapsed) ms (attempt \(attempt + 1)/\(attempts))\(note)"))
        }
    }
}
