import MigrateTestSupport
import SystemProcess
import Testing

/// With `url = "${DEV_URL}"` and DEV_URL unset, commands that need no database work; the variable
/// is needed only when that database is used, and then the error names it.
@Suite("A ${VAR} URL is needed only when the database is")
struct UnsetURLVariableTests {
    static let history = [GeneratedRevision("v001"), GeneratedRevision("v002", parents: ["v001"])]

    @Test(arguments: [
        ["heads"], ["history"], ["show", "v001"], ["revision", "-m", "next step"], ["upgrade", "--sql", "head"],
        ["branches"], ["heads", "--json"],
    ])
    func offlineCommandsRunWithoutTheVariable(arguments: [String]) throws {
        try TemporaryDirectory.with { project in
            try project.write("migrate.toml", "[database]\nurl = \"${DEV_URL}\"\n")
            try project.write(Self.history)
            let output = try MigrateExecutable.run(arguments, in: project.path)
            #expect(output.status == .exited(0), "\(output.combinedOutput)")
            #expect(!output.standardError.contains("DEV_URL"), "\(output.combinedOutput)")
        }
    }

    @Test(arguments: [["current"], ["status"], ["upgrade"], ["db", "url"], ["db", "status"]])
    func commandsThatUseTheDatabaseNameTheVariable(arguments: [String]) throws {
        try TemporaryDirectory.with { project in
            try project.write(
                "migrate.toml",
                "[database]\nurl = \"postgresql://app:${DEV_PASSWORD}@${DEV_HOST}/app\"\n"
            )
            try project.write(Self.history)
            let output = try MigrateExecutable.run(arguments, in: project.path, environment: ["DEV_PASSWORD": "x"])
            #expect(output.status == .exited(2), "\(output.combinedOutput)")
            #expect(output.standardError.contains("migrate.toml:2:7"), "\(output.standardError)")
            #expect(output.standardError.contains("uses ${DEV_HOST}"), "\(output.standardError)")
            #expect(output.standardError.contains("set DEV_HOST in the environment"), "\(output.standardError)")
        }
    }
}
