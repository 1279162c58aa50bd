import CLibPQ

/// A NOTICE, WARNING, INFO or similar message the server sent alongside a command's result.
///
/// The client layer never prints these; it collects them on the connection
/// (``PostgresConnection/takeNotices()``) for the caller to show.
package struct PostgresNotice: Sendable, Equatable, CustomStringConvertible {
    /// `NOTICE`, `WARNING`, `INFO`, `DEBUG`, `LOG`, in the server's non-localised spelling when available.
    package var severity: String
    package var sqlState: String?
    package var message: String
    package var detail: String?
    package var hint: String?

    package var description: String {
        var text = "\(severity): \(message)"
        if let detail { text += "\nDETAIL: " + detail }
        if let hint { text += "\nHINT: " + hint }
        return text
    }
}

/// Collects notices from libpq's notice receiver callback. A class so the C callback can reach it
/// through an unmanaged pointer; owned by exactly one ``PostgresConnection``.
final class NoticeCollector {
    var notices: [PostgresNotice] = []

    func receive(_ result: OpaquePointer) {
        func field(_ code: Character) -> String? {
            guard let value = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
            return String(cString: value)
        }
        notices.append(
            PostgresNotice(
                severity: field("V") ?? field("S") ?? "NOTICE",
                sqlState: field("C"),
                message: field("M") ?? "",
                detail: field("D"),
                hint: field("H")
            )
        )
    }
}
