import PostgresClient
import SQLSyntax

/// A source column's default, rewritten for the PostgreSQL column type chosen for it.
///
/// - A literal is converted the way `migrate import` converts that column's values (`0` for a `boolean` becomes
///   `false`, an epoch number for a `timestamptz` becomes that instant) and written as PostgreSQL's literal.
/// - The current time (`CURRENT_TIMESTAMP`, `datetime('now')`, `strftime('%s','now')`, `unixepoch()`) becomes
///   `now()`, or the same instant in the spelling the column stores (text `YYYY-MM-DD HH:MM:SS` in UTC, as SQLite
///   writes it; epoch seconds for an integer column).
/// - Any other expression goes through ``SourceExpression``.
enum ColumnDefault {
    static func translate(_ sql: String, for type: TranslatedType) throws(SourceExpression.Untranslatable) -> String? {
        // Numbers are read from the text: libpg_query's JSON loses the value of a negative integer constant.
        var bare = Substring(sql)
        while bare.hasPrefix("("), bare.hasSuffix(")") { bare = bare.dropFirst().dropLast() }
        bare = bare.drop { $0 == " " }
        while bare.hasSuffix(" ") { bare = bare.dropLast() }
        if ValueConversion.isDecimal(String(bare)), !bare.lowercased().contains("n") {
            let number: SourceValue = Int64(bare).map { .integer($0) } ?? Double(bare).map { .real($0) } ?? .text(String(bare))
            return try literal(number, for: type)
        }
        let tree: SyntaxNode
        do {
            tree = try SQLParser.parseStatement("SELECT " + sql)
        } catch {
            throw SourceExpression.Untranslatable(reason: "PostgreSQL cannot parse it (\(error.message))")
        }
        guard var value = tree.body(ifKind: "SelectStmt")?["targetList"]?[0]?.body(ifKind: "ResTarget")?["val"]
        else { throw SourceExpression.Untranslatable(reason: "it is not a single expression") }
        // DuckDB spells its defaults CAST('x' AS VARCHAR): the literal is what counts.
        if let cast = value.body(ifKind: "TypeCast"), let argument = cast["arg"], argument.kind == "A_Const" {
            value = argument
        }
        if let constant = value.body(ifKind: "A_Const") {
            return try literal(constant, for: type)
        }
        if let moment = currentTime(value) {
            return now(as: moment, for: type)
        }
        return try SourceExpression.translate(sql, columns: [])
    }

    // MARK: - Literals

    private static func literal(_ constant: SyntaxNode, for type: TranslatedType) throws(SourceExpression.Untranslatable)
        -> String?
    {
        if constant.flag("isnull") { return nil }
        if let string = constant["sval"] {
            return try literal(.text(string["sval"]?.string ?? ""), for: type)
        }
        if let boolean = constant["boolval"] {
            return try literal(.integer(boolean["boolval"]?.bool == true ? 1 : 0), for: type)
        }
        throw SourceExpression.Untranslatable(reason: "it is a literal of a kind not translated")
    }

    private static func literal(_ value: SourceValue, for type: TranslatedType) throws(SourceExpression.Untranslatable)
        -> String?
    {
        let text: String
        do {
            text = try ValueConversion(kind: type.kind).text(value, as: type.kind)
        } catch {
            throw SourceExpression.Untranslatable(reason: "it is not \(error.expected) for the \(type.sql) column")
        }
        switch type.kind {
        case .smallint, .integer, .bigint, .real, .double, .numeric:
            return text.first == "-" || text.first?.isNumber == true ? text : SQLQuoting.literal(text)
        case .boolean:
            return text == "t" ? "true" : "false"
        default:
            return SQLQuoting.literal(text)
        }
    }

    // MARK: - The current time

    private enum Moment {
        case timestamp, date, time, epochSeconds
    }

    private static func currentTime(_ node: SyntaxNode) -> Moment? {
        if let function = node.body(ifKind: "SQLValueFunction") {
            switch function["op"]?.string {
            case "SVFOP_CURRENT_TIMESTAMP", "SVFOP_LOCALTIMESTAMP", "SVFOP_CURRENT_TIMESTAMP_N": return .timestamp
            case "SVFOP_CURRENT_DATE": return .date
            case "SVFOP_CURRENT_TIME", "SVFOP_CURRENT_TIME_N", "SVFOP_LOCALTIME": return .time
            default: return nil
            }
        }
        guard let call = node.body(ifKind: "FuncCall"), let name = call["funcname"]?.nameParts?.last?.lowercased()
        else { return nil }
        let arguments = (call["args"]?.array ?? []).map {
            $0.body(ifKind: "A_Const")?["sval"]?["sval"]?.string?.lowercased()
        }
        switch (name, arguments) {
        case ("datetime", ["now"]), ("now", []), ("current_timestamp", []): return .timestamp
        case ("date", ["now"]): return .date
        case ("time", ["now"]): return .time
        case ("strftime", ["%s", "now"]), ("unixepoch", []), ("unixepoch", ["now"]): return .epochSeconds
        default: return nil
        }
    }

    private static func now(as moment: Moment, for type: TranslatedType) -> String {
        let utc = "now() AT TIME ZONE 'UTC'"
        switch (type.kind, moment) {
        case (.timestampWithTimeZone, _): return "now()"
        case (.timestamp, _): return "(\(utc))"
        case (.date, _): return "CURRENT_DATE"
        case (.time, _): return "LOCALTIME"
        case (.smallint, _), (.integer, _), (.bigint, _), (.numeric, _), (.real, _), (.double, _):
            return "(extract(epoch FROM now())::bigint)"
        case (_, .timestamp): return "to_char(\(utc), 'YYYY-MM-DD HH24:MI:SS')"
        case (_, .date): return "to_char(\(utc), 'YYYY-MM-DD')"
        case (_, .time): return "to_char(\(utc), 'HH24:MI:SS')"
        case (_, .epochSeconds): return "(extract(epoch FROM now())::bigint)::text"
        }
    }
}
