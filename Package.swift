// swift-tools-version: 6.0
import PackageDescription

// The suite's tools: each is an executable product, and this list is the only place the build
// knows them (scripts/tool-names reads the products back for the Makefile and the packaging).
let tools = [
    "infra-dns", "infra-lb", "infra-status", "infra-ssh", "infra-monitor", "acme-cloudns-hook", "infra-setup",
]

// Executables that are not tools: no product, never installed or packaged.
let developmentExecutables = ["bench-http"]

// What `make install` and the Debian package ship: every tool in one executable, installed once
// with a link per tool name (MultiCall), so the static Swift runtime is on disk once. The tests and
// `swift run` use the separate executables above.
let multiCallExecutable = "infra"

let package = Package(
    name: "infra",
    products: tools.map { .executable(name: $0, targets: [$0]) } + [
        .library(name: "InfraKit", targets: ["InfraKit"]),
        .library(name: "InfraCLI", targets: ["InfraCLI"]),
    ],
    targets: [
        .systemLibrary(
            name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(
            name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(
            name: "CSSH2", pkgConfig: "libssh2", providers: [.apt(["libssh2-1-dev"])]),
        .target(name: "InfraKit", dependencies: ["CCurl", "CYAML", "CSSH2"]),
        .target(name: "InfraCLI", dependencies: ["InfraKit"]),
        .target(name: "TestSupport", dependencies: ["InfraKit"], path: "Tests/TestSupport"),
        .testTarget(name: "InfraKitTests", dependencies: ["InfraKit", "TestSupport"]),
        .testTarget(name: "InfraCLITests", dependencies: ["InfraCLI", "TestSupport"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["InfraCLI", "TestSupport"] + tools.map { .target(name: $0) }),
    ] + tools.map { .executableTarget(name: $0, dependencies: ["InfraCLI"]) }
        // bench-http: the HTTP client benchmark behind bench/http-throughput.sh.
        + developmentExecutables.map { .executableTarget(name: $0, dependencies: ["InfraKit"]) }
        + [.executableTarget(name: multiCallExecutable, dependencies: ["InfraCLI"])]
)
