// libFuzzer entry point: the first byte picks one decoder of a provider's answer (CloudNS, Hetzner
// Cloud and Robot, GitHub through gh; see Tests/InfraKitTests/ProviderAnswers), the rest is the
// answer. Built by run-json-fuzz.sh together with the InfraKit sources those decoders need; not
// part of the SwiftPM build.

import Foundation

// libFuzzer calls the target from one thread only.
nonisolated(unsafe) let decoders = ProviderAnswerDecoder.all

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProviderAnswers(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let decoder = decoders[Int(data[0]) % decoders.count]
    switch decoder.run(ProviderAnswerInput(UnsafeBufferPointer(start: data + 1, count: size - 1))) {
    case .value(let summary): _ = summary.utf8.count
    case .failure(let error): _ = "\(error)".utf8.count
    }
    return 0
}

/// With PROVIDER_JSON_SEEDS=SOURCE:DESTINATION set, writes each seed answer of SOURCE (named after
/// its decoder, as the corpus tests read them) to DESTINATION with its decoder's byte in front,
/// and exits.
@_cdecl("LLVMFuzzerInitialize")
public func prepareSeeds(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    guard let setting = ProcessInfo.processInfo.environment["PROVIDER_JSON_SEEDS"] else { return 0 }
    let paths = setting.split(separator: ":", maxSplits: 1).map(String.init)
    guard paths.count == 2, let files = try? FileManager.default.contentsOfDirectory(atPath: paths[0]) else {
        FileHandle.standardError.write(Data("PROVIDER_JSON_SEEDS: expected SOURCE:DESTINATION directories\n".utf8))
        exit(66)
    }
    try? FileManager.default.createDirectory(atPath: paths[1], withIntermediateDirectories: true)
    for file in files.sorted() {
        guard let index = ProviderAnswerDecoder.index(forSeed: file),
            let answer = FileManager.default.contents(atPath: paths[0] + "/" + file)
        else { continue }
        _ = FileManager.default.createFile(atPath: paths[1] + "/" + file, contents: Data([UInt8(index)]) + answer)
    }
    exit(0)
}
