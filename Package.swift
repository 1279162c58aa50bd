// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "migrate",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "migrate", targets: ["migrate"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // MARK: - C libraries
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .systemLibrary(
            name: "CPgQuery",
            providers: [.apt(["libpg-query-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),

        // The platform's C library (glibc, musl or Darwin's), for every module that calls POSIX.
        .target(name: "LibC"),

        // MARK: - Safe Swift layers over the C libraries
        .target(name: "PostgresClient", dependencies: ["CLibPQ", "LibC"]),
        .target(name: "SQLSyntax", dependencies: ["CPgQuery"]),
        .target(name: "SQLiteClient", dependencies: ["CSQLite"]),

        // MARK: - Local processes and the embedded cluster
        .target(name: "SystemProcess", dependencies: ["LibC"]),
        .target(name: "LocalPostgres", dependencies: ["LibC", "SystemProcess"]),

        // MARK: - Engine and CLI
        .target(
            name: "MigrateKit",
            dependencies: [
                "LibC",
                "PostgresClient",
                "SQLSyntax",
                "LocalPostgres",
                "SQLiteClient",
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "migrate",
            dependencies: [
                "LibC",
                "MigrateKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
        ),

        // Fuzz harnesses for the parsers of what people write (scripts/fuzz builds it with libFuzzer).
        .executableTarget(name: "MigrateFuzz", dependencies: ["LibC", "MigrateKit", "PostgresClient"]),

        // MARK: - Tests
        .target(
            name: "MigrateTestSupport",
            dependencies: ["LibC", "PostgresClient", "LocalPostgres", "SystemProcess", "SQLiteClient"]
        ),
        .testTarget(name: "PostgresClientTests", dependencies: ["LibC", "PostgresClient", "MigrateTestSupport"]),
        .testTarget(name: "SQLSyntaxTests", dependencies: ["SQLSyntax"]),
        .testTarget(name: "LocalPostgresTests", dependencies: ["LibC", "LocalPostgres", "MigrateTestSupport"]),
        .testTarget(
            name: "MigrateKitTests",
            dependencies: ["LibC", "MigrateKit", "MigrateTestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "MigrateCLITests", dependencies: ["LibC", "MigrateTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

// Extension members are visible only in files that import their module, so a file that imports
// FoundationEssentials cannot reach, through another module's import, an API that links all of Foundation.
for target in package.targets where target.type == .regular || target.type == .executable {
    target.swiftSettings = (target.swiftSettings ?? []) + [.enableUpcomingFeature("MemberImportVisibility")]
}
