/// One token of libpg_query's scanner (`pg_query_scan`), read from the `ScanToken` protobuf message.
struct ScanToken: Sendable, Equatable {
    /// Byte offset of the token's first byte.
    var start: Int
    /// Byte offset just past the token.
    var end: Int
    /// The `Token` enum value of `pg_query.proto` (`IDENT` = 258, `SQL_COMMENT` = 275, ...).
    var token: Int
    /// The `KeywordKind` enum value of `pg_query.proto` (0 when the token is not a keyword).
    var keywordKind: Int

    /// `SQL_COMMENT` (`-- ...`) in `pg_query.proto`.
    static let sqlComment = 275
    /// `C_COMMENT` (`/* ... */`) in `pg_query.proto`.
    static let cComment = 276

    var isComment: Bool { token == Self.sqlComment || token == Self.cComment }

    /// Reads a `ScanResult` message: field 2 holds the repeated `ScanToken` messages, whose fields are
    /// `start` = 1, `end` = 2, `token` = 4 and `keyword_kind` = 5. Proto3 leaves out fields equal to 0.
    /// - Returns: the tokens, or `nil` if the bytes are not a well-formed message.
    static func decodeScanResult(_ bytes: UnsafeRawBufferPointer) -> [ScanToken]? {
        var reader = ProtobufReader(bytes)
        var tokens: [ScanToken] = []
        while !reader.isAtEnd {
            guard let (field, wireType) = reader.readTag() else { return nil }
            if field == 2 && wireType == ProtobufReader.lengthDelimited {
                guard let message = reader.readLengthDelimited(), let token = decodeToken(message) else { return nil }
                tokens.append(token)
            } else if !reader.skip(wireType: wireType) {
                return nil
            }
        }
        return tokens
    }

    private static func decodeToken(_ bytes: UnsafeRawBufferPointer) -> ScanToken? {
        var reader = ProtobufReader(bytes)
        var token = ScanToken(start: 0, end: 0, token: 0, keywordKind: 0)
        while !reader.isAtEnd {
            guard let (field, wireType) = reader.readTag() else { return nil }
            guard wireType == ProtobufReader.varint else {
                if !reader.skip(wireType: wireType) { return nil }
                continue
            }
            guard let raw = reader.readVarint() else { return nil }
            // int32 and enum fields: negative values arrive sign-extended to 64 bits.
            let value = Int(Int32(truncatingIfNeeded: raw))
            switch field {
            case 1: token.start = value
            case 2: token.end = value
            case 4: token.token = value
            case 5: token.keywordKind = value
            default: break
            }
        }
        return token
    }
}
