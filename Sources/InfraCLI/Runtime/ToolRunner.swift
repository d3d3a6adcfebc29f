import Dispatch
import Foundation
import InfraKit

/// Runs one tool: parses the command line against the tool's spec, answers help, version and the
/// hidden completion and documentation commands itself, runs the handler and turns whatever
/// happens into an exit status and stderr lines.
public struct ToolRunner: Sendable {
    public let spec: ToolSpec
    public let completionCandidates: any CompletionCandidateProvider

    /// Hidden command the completion scripts call: `<tool> __complete KIND [--config FILE]`.
    public static let completeCommand = "__complete"
    /// Hidden command printing a generated file: `<tool> __docs man|bash|zsh|fish`.
    public static let docsCommand = "__docs"

    public init(spec: ToolSpec, completionCandidates: any CompletionCandidateProvider) {
        self.spec = spec
        self.completionCandidates = completionCandidates
    }

    /// What is left to do after the synchronous part of a run.
    public enum Step: Sendable {
        /// Nothing: help, version, a usage error or the documentation were printed.
        case finished(ExitStatus)
        /// Run this, which needs the concurrency runtime (a handler or a completion provider).
        case asynchronous(@Sendable () async -> ExitStatus)
    }

    /// Runs the tool with `arguments` (without the executable's name) in `context`.
    public func run(_ arguments: [String], context: Context) async -> ExitStatus {
        switch prepare(arguments, context: context) {
        case .finished(let status): return status
        case .asynchronous(let work): return await work()
        }
    }

    /// Does everything that needs no concurrency — parsing, help, version, usage errors — so that
    /// those paths never start the concurrency runtime and the tools start quickly.
    public func prepare(_ arguments: [String], context: Context) -> Step {
        switch arguments.first {
        case Self.completeCommand:
            return .asynchronous { await complete(Array(arguments.dropFirst()), context: context) }
        case Self.docsCommand:
            return .finished(documentation(Array(arguments.dropFirst()), context: context))
        default: break
        }

        let outcome: ParseOutcome
        do {
            outcome = try CommandLineParser(spec: spec).parse(arguments)
        } catch {
            reportUsage(error, context: context)
            return .finished(.usage)
        }

        switch outcome {
        case .help(let path):
            context.stdout.write(HelpRenderer(spec: spec, width: context.helpWidth).help(for: path))
            return .finished(.success)
        case .version:
            context.stdout.write("\(spec.name) \(spec.version)\n")
            return .finished(.success)
        case .run(let invocation):
            return .asynchronous { await execute(invocation, context: context) }
        }
    }

    private func execute(_ invocation: Invocation, context: Context) async -> ExitStatus {
        guard let handler = spec.command(at: invocation.commandPath)?.handler else { return .software }
        let console = Console(invocation: invocation, context: context)
        do {
            return try await handler(invocation, context)
        } catch let error as UsageError {
            reportUsage(error, context: context, color: console.color)
            return .usage
        } catch let error as any ClassifiedError {
            console.error(error.message)
            return error.exitStatus
        } catch {
            // Not classified means nobody expected it: say so, without guessing at a cause.
            console.error("internal error: \(error)")
            return .software
        }
    }

    private func reportUsage(_ error: UsageError, context: Context, color: Bool? = nil) {
        let color = color ?? context.usesColor(.auto, onStandardError: true)
        Console(toolName: spec.name, stderr: context.stderr, color: color).error(error.message)
        let help = HelpRenderer(spec: spec, width: context.helpWidth)
        let path = spec.command(at: error.commandPath) == nil ? [] : error.commandPath
        context.stderr.write(help.usageBlock(for: path))
        let target = ([spec.name] + path + ["--help"]).joined(separator: " ")
        context.stderr.write("See '\(target)'.\n")
    }

    /// Prints dynamic completion candidates. Never fails loudly: a missing or broken
    /// configuration means no candidates, exit 0, nothing on stderr.
    private func complete(_ arguments: [String], context: Context) async -> ExitStatus {
        guard let kindWord = arguments.first else { return .success }
        var configPath: String?
        var index = 1
        while index < arguments.count {
            let word = arguments[index]
            if word == "--config", index + 1 < arguments.count {
                configPath = arguments[index + 1]
                index += 1
            } else if word.hasPrefix("--config=") {
                configPath = String(word.dropFirst("--config=".count))
            }
            index += 1
        }
        let candidates =
            (try? await completionCandidates.candidates(
                for: DynamicCompletion(rawValue: kindWord), configPath: configPath, context: context)) ?? []
        let text = candidates.filter { !$0.isEmpty && !$0.contains("\n") }.map { $0 + "\n" }.joined()
        context.stdout.write(text)
        return .success
    }

    private func documentation(_ arguments: [String], context: Context) -> ExitStatus {
        guard arguments.count == 1, let format = DocumentFormat(rawValue: arguments[0]) else {
            let formats = DocumentFormat.allCases.map(\.rawValue).joined(separator: "|")
            context.stderr.write("\(spec.name): error: usage: \(spec.name) \(Self.docsCommand) \(formats)\n")
            return .usage
        }
        context.stdout.write(format.render(spec))
        return .success
    }
}

extension ToolRunner {
    /// The whole life of an executable: runs with the process's arguments and context and exits
    /// with the resulting status. Each tool's `main.swift` calls this and nothing else.
    ///
    /// Help, version and usage errors finish on the main thread; only a handler starts a task,
    /// while the main thread parks in the dispatch main loop until the task exits the process.
    public static func main(
        _ spec: ToolSpec, arguments: [String] = Array(CommandLine.arguments.dropFirst()),
        completionCandidates: any CompletionCandidateProvider = InfraTools.completionCandidates
    ) -> Never {
        let runner = ToolRunner(spec: spec, completionCandidates: completionCandidates)
        switch runner.prepare(arguments, context: .process()) {
        case .finished(let status):
            exit(status.rawValue)
        case .asynchronous(let work):
            Task.detached {
                let status = await work()
                exit(status.rawValue)
            }
            dispatchMain()
        }
    }
}
