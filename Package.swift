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
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
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

        // MARK: - Safe Swift layers over the C libraries
        .target(name: "PostgresClient", dependencies: ["CLibPQ"]),
        .target(name: "SQLSyntax", dependencies: ["CPgQuery"]),
        .target(name: "SQLiteClient", dependencies: ["CSQLite"]),

        // MARK: - Local processes and the embedded cluster
        .target(name: "SystemProcess"),
        .target(name: "LocalPostgres", dependencies: ["SystemProcess"]),

        // MARK: - Engine and CLI
        .target(
            name: "MigrateKit",
            dependencies: [
                "PostgresClient",
                "SQLSyntax",
                "LocalPostgres",
                "SQLiteClient",
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "migrate",
            dependencies: [
                "MigrateKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
        ),

        // Fuzz harnesses for the parsers of what people write (scripts/fuzz builds it with libFuzzer).
        .executableTarget(name: "MigrateFuzz", dependencies: ["MigrateKit", "PostgresClient"]),

        // MARK: - Tests
        .target(
            name: "MigrateTestSupport",
            dependencies: ["PostgresClient", "LocalPostgres", "SystemProcess", "SQLiteClient"]
        ),
        .testTarget(name: "PostgresClientTests", dependencies: ["PostgresClient", "MigrateTestSupport"]),
        .testTarget(name: "SQLSyntaxTests", dependencies: ["SQLSyntax"]),
        .testTarget(name: "LocalPostgresTests", dependencies: ["LocalPostgres", "MigrateTestSupport"]),
        .testTarget(
            name: "MigrateKitTests",
            dependencies: ["MigrateKit", "MigrateTestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "MigrateCLITests", dependencies: ["MigrateTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

// Extension members are visible only in files that import their module, so a file that imports
// FoundationEssentials cannot reach, through another module's import, an API that links all of Foundation.
for target in package.targets where target.type == .regular || target.type == .executable {
    target.swiftSettings = (target.swiftSettings ?? []) + [.enableUpcomingFeature("MemberImportVisibility")]
}
