import Testing

@testable import MigrateKit

@Suite struct VariableSubstitutionTests {
    private let environment = ["HOST": "db.internal", "USER": "app", "EMPTY": "", "DOLLARS": "a$b${HOST}"]

    @Test(arguments: [
        ("plain", "plain"),
        ("${HOST}", "db.internal"),
        ("postgresql://${USER}@${HOST}/app", "postgresql://app@db.internal/app"),
        ("x${EMPTY}y", "xy"),
        ("pa$$word", "pa$word"),
        ("$$$$", "$$"),
        ("$${HOST}", "${HOST}"),
        ("${DOLLARS}", "a$b${HOST}"),
        ("", ""),
        ("é${USER}é", "éappé"),
    ])
    func substitutes(text: String, expected: String) throws {
        #expect(try VariableSubstitution.substitute(in: text, environment: environment) == expected)
    }

    @Test(arguments: [
        ("${MISSING}", VariableSubstitution.Failure.unset("MISSING")),
        ("$HOST", .strayDollar(offset: 1)),
        ("abc$", .strayDollar(offset: 4)),
        ("pa$word", .strayDollar(offset: 3)),
        ("${HOST", .unterminated),
        ("x${}", .invalidName(offset: 2)),
        ("${1ABC}", .invalidName(offset: 1)),
        ("${HOST:-x}", .invalidName(offset: 1)),
    ])
    func rejects(text: String, expected: VariableSubstitution.Failure) {
        #expect(throws: expected) { try VariableSubstitution.substitute(in: text, environment: environment) }
    }

    @Test func listsVariableNamesWithoutAnEnvironment() throws {
        #expect(try VariableSubstitution.variableNames(in: "${A}-$$-${B_2}/${A}") == ["A", "B_2", "A"])
        #expect(try VariableSubstitution.variableNames(in: "no variables, $$5").isEmpty)
        #expect(throws: VariableSubstitution.Failure.strayDollar(offset: 1)) {
            try VariableSubstitution.variableNames(in: "$A")
        }
    }

    @Test func messagesNameTheVariableButNeverQuoteTheText() {
        #expect(VariableSubstitution.Failure.unset("PROD_URL").description.contains("PROD_URL is not set"))
        // The text around a stray `$` may be a password; the message gives only its position.
        #expect(VariableSubstitution.Failure.strayDollar(offset: 17).description.contains("character 17"))
    }
}
