// Finding the passwords in a connection string, to mask them in what is shown and to scrub them from libpq's
// messages. libpq quotes what it cannot parse (a percent-encoded token, a piece of an unquoted value, the whole
// URI), so any message about a connection string may hold its password.

import CLibPQ

extension ConnectionString {
    /// What replaces a password in anything shown.
    package static let mask = "****"

    /// The connection string with every password region replaced by `****`, for messages and logs.
    ///
    /// Works on strings libpq cannot parse too, so a malformed URL can still be quoted back safely. The regions
    /// are found generously (see ``passwordRanges(in:)``): better a masked host than a shown password.
    package static func redacted(_ connectionString: String) -> String {
        let bytes = Array(connectionString.utf8)
        return String(decoding: masking(passwordRanges(in: bytes), in: bytes[...], offset: 0), as: UTF8.self)
    }

    /// The password texts of a connection string, in every form a message might quote them: as written, with
    /// percent-escapes or quotes and backslashes undone, and split at whitespace (libpq reads an unquoted value only
    /// up to the first space and quotes the rest as a keyword it cannot make sense of).
    package static func secrets(in connectionString: String) -> [String] {
        let bytes = Array(connectionString.utf8)
        var found: [String] = []
        func add(_ text: String) {
            for candidate in [text] + text.split(whereSeparator: \.isWhitespace).map(String.init)
            where !candidate.isEmpty && !found.contains(candidate) {
                found.append(candidate)
            }
        }
        for region in passwordRegions(in: bytes) {
            let raw = Array(bytes[region.range])
            add(String(decoding: raw, as: UTF8.self))
            switch region.kind {
            case .uri, .queryParameter:
                add(String(decoding: percentDecoded(raw), as: UTF8.self))
            case .keyword:
                add(String(decoding: unquoted(raw), as: UTF8.self))
            }
        }
        return found.sorted { $0.utf8.count > $1.utf8.count }
    }

    /// A libpq message about `connectionString` with its passwords taken out.
    ///
    /// What the message copied from a password region is masked (`"secret%pw"` becomes `"****"`, a quoted whole URI
    /// its redacted form, `"b"` of `password=a b` `"****"`); then any remaining password, as written or decoded or a
    /// piece of it, when quoted or four bytes or longer.
    package static func scrub(_ message: String, secretsOf connectionString: String) -> String {
        let source = Array(connectionString.utf8)
        let ranges = passwordRanges(in: source)
        guard !ranges.isEmpty else { return message }
        var text = String(
            decoding: maskingCopiedPasswords(in: Array(message.utf8), source: source, ranges: ranges),
            as: UTF8.self
        )
        // Over bytes, not Characters: a password starting with a combining mark forms one Character with the
        // space before it in the message, and a Character-wise search would not find it (found by scripts/fuzz).
        var bytes = Array(text.utf8)
        let quote = [UInt8(ascii: "\"")]
        for secret in secrets(in: connectionString) {
            bytes = replacing(quote + Array(secret.utf8) + quote, with: quote + Array(mask.utf8) + quote, in: bytes)
            if secret.utf8.count >= 4 { bytes = replacing(Array(secret.utf8), with: Array(mask.utf8), in: bytes) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: - Finding password regions

    private enum RegionKind {
        /// `scheme://user:PASSWORD@host`.
        case uri
        /// `password=PASSWORD` or `password = 'PASS WORD'`.
        case keyword
        /// `?password=PASSWORD` or `&password=PASSWORD`.
        case queryParameter
    }

    private struct Region {
        var range: Range<Int>
        var kind: RegionKind
    }

    /// The byte ranges of the connection string that may hold a password, merged and sorted:
    /// - in a URI (at the start of the string or anywhere in it, as in `dbname=postgresql://...`), the user info's
    ///   password: after the first `:` of the user info up to the *last* `@` of the authority, since libpq stops
    ///   at the first and then quotes the rest as a host;
    /// - the value of a `password=` or `sslpassword=` keyword, quoted or not, up to the next ` key=` or the end;
    /// - the value of a `password` or `sslpassword` query parameter, up to the next `&key=` or the end.
    package static func passwordRanges(in bytes: [UInt8]) -> [Range<Int>] {
        var merged: [Range<Int>] = []
        for range in passwordRegions(in: bytes).map(\.range).sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }

    private static func passwordRegions(in bytes: [UInt8]) -> [Region] {
        uriPasswordRegions(in: bytes) + keywordPasswordRegions(in: bytes)
    }

    private static func uriPasswordRegions(in bytes: [UInt8]) -> [Region] {
        var regions: [Region] = []
        var index = 0
        while let separator = firstIndex(of: Array("://".utf8), in: bytes, from: index) {
            let start = separator + 3
            index = start
            // A URI that starts the string runs to its end (a password may hold spaces); one inside a key=value
            // string ends at the next space or quote.
            let isWholeString = bytes[..<separator].allSatisfy { isSchemeByte($0) }
            var end = bytes.count
            if !isWholeString, let stop = bytes[start...].firstIndex(where: { isSpace($0) || $0 == singleQuote }) {
                end = stop
            }
            // An `@` in the query (`?user=me@corp`) ends no user info. Where libpq sees user info (an `@` before any
            // `/`), the query starts after it, so a password holding `?user=` is still all masked.
            let firstDelimiter = bytes[start..<end].firstIndex { $0 == UInt8(ascii: "@") || $0 == UInt8(ascii: "/") }
            let queryFrom = firstDelimiter.flatMap { bytes[$0] == UInt8(ascii: "@") ? $0 : nil } ?? start
            if let query = firstQuery(in: bytes, from: queryFrom, to: end) { end = query }
            guard let at = bytes[start..<end].lastIndex(of: UInt8(ascii: "@")),
                let colon = bytes[start..<at].firstIndex(of: UInt8(ascii: ":"))
            else { continue }
            regions.append(Region(range: (colon + 1)..<at, kind: .uri))
        }
        return regions
    }

    private static func keywordPasswordRegions(in bytes: [UInt8]) -> [Region] {
        var regions: [Region] = []
        var index = 0
        while index < bytes.count {
            defer { index += 1 }
            guard let keywordEnd = passwordKeywordEnd(in: bytes, at: index) else { continue }
            let previous = index > 0 ? bytes[index - 1] : nil
            let isQuery = previous == UInt8(ascii: "?") || previous == UInt8(ascii: "&")
            guard previous == nil || isQuery || isSpace(previous!) else { continue }
            var position = keywordEnd
            if !isQuery { while position < bytes.count, isSpace(bytes[position]) { position += 1 } }
            guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else { continue }
            position += 1
            if isQuery {
                let end = nextQueryParameter(in: bytes, from: position) ?? bytes.count
                regions.append(Region(range: position..<end, kind: .queryParameter))
                continue
            }
            while position < bytes.count, isSpace(bytes[position]) { position += 1 }
            var end = position
            if end < bytes.count, bytes[end] == singleQuote {
                end += 1
                while end < bytes.count, bytes[end] != singleQuote {
                    end += bytes[end] == backslash ? 2 : 1
                }
                end = min(end + 1, bytes.count)
                // Something stuck to the closing quote: libpq will complain about it, quoting it.
                if end < bytes.count, !isSpace(bytes[end]) {
                    end = nextKeyword(in: bytes, from: end) ?? bytes.count
                }
            } else {
                end = nextKeyword(in: bytes, from: position) ?? bytes.count
            }
            regions.append(Region(range: position..<end, kind: .keyword))
            index = max(index, end - 1)
        }
        return regions
    }

    /// The `?` of the first `?option=` between `start` and `end`.
    private static func firstQuery(in bytes: [UInt8], from start: Int, to end: Int) -> Int? {
        var index = start
        while index < end {
            defer { index += 1 }
            guard bytes[index] == UInt8(ascii: "?") else { continue }
            var wordEnd = index + 1
            while wordEnd < end, isKeywordByte(bytes[wordEnd]) { wordEnd += 1 }
            if wordEnd < end, bytes[wordEnd] == UInt8(ascii: "="), isConnectionOption(bytes[(index + 1)..<wordEnd]) {
                return index
            }
        }
        return nil
    }

    /// Where `password` or `sslpassword` (any case) ends, if one starts at `index`.
    private static func passwordKeywordEnd(in bytes: [UInt8], at index: Int) -> Int? {
        for keyword in ["password", "sslpassword"] {
            let word = Array(keyword.utf8)
            guard index + word.count <= bytes.count else { continue }
            if zip(bytes[index..<(index + word.count)], word).allSatisfy({ lowercased($0) == $1 }) {
                return index + word.count
            }
        }
        return nil
    }

    /// libpq's connection options (`host`, `dbname`, `sslmode`...), to tell a URI's query from a password that holds
    /// `?`.
    private static let connectionOptions: Set<String> = {
        var names: Set<String> = ["ssl"]  // the URI alias for sslmode=require
        guard let defaults = PQconndefaults() else { return names }
        defer { PQconninfoFree(defaults) }
        var option = defaults
        while let keyword = option.pointee.keyword {
            names.insert(String(cString: keyword))
            option += 1
        }
        return names
    }()

    private static func isConnectionOption(_ word: ArraySlice<UInt8>) -> Bool {
        connectionOptions.contains(String(decoding: word, as: UTF8.self))
    }

    /// The start of the whitespace before the next `key=` (or `key =`) after `from`, where an unquoted value ends as
    /// libpq reads it. A misspelt option (`colour=blue`) after a password stays visible in libpq's complaint; an
    /// unquoted password holding ` word=` is one libpq itself splits there.
    private static func nextKeyword(in bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index < bytes.count {
            guard isSpace(bytes[index]) else {
                index += 1
                continue
            }
            let spaceStart = index
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
            var wordEnd = index
            while wordEnd < bytes.count, isKeywordByte(bytes[wordEnd]) { wordEnd += 1 }
            guard wordEnd > index else { continue }
            var equals = wordEnd
            while equals < bytes.count, isSpace(bytes[equals]) { equals += 1 }
            if equals < bytes.count, bytes[equals] == UInt8(ascii: "=") { return spaceStart }
        }
        return nil
    }

    /// The `&` before the next `key=` query parameter after `from`.
    private static func nextQueryParameter(in bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index < bytes.count {
            defer { index += 1 }
            guard bytes[index] == UInt8(ascii: "&") else { continue }
            var wordEnd = index + 1
            while wordEnd < bytes.count, isKeywordByte(bytes[wordEnd]) { wordEnd += 1 }
            if wordEnd > index + 1, wordEnd < bytes.count, bytes[wordEnd] == UInt8(ascii: "=") { return index }
        }
        return nil
    }

    // MARK: - Masking and decoding

    /// `bytes` (which start at `offset` in the string the ranges index) with the parts in `ranges` replaced by the
    /// mask.
    private static func masking(_ ranges: [Range<Int>], in bytes: ArraySlice<UInt8>, offset: Int) -> [UInt8] {
        var result: [UInt8] = []
        var index = bytes.startIndex
        for range in ranges {
            let lower = max(range.lowerBound - offset + bytes.startIndex, bytes.startIndex)
            let upper = min(range.upperBound - offset + bytes.startIndex, bytes.endIndex)
            guard lower <= upper, upper >= index, lower <= bytes.endIndex else { continue }
            if lower > index { result += bytes[index..<lower] }
            result += Array(mask.utf8)
            index = max(index, upper)
        }
        if index < bytes.endIndex { result += bytes[index...] }
        return result
    }

    /// The message with every part copied from a password region of `source` masked: each stretch of the message
    /// that is also a stretch of `source` overlapping a region, when it holds a whole password or is quoted (libpq
    /// quotes what it copies; `"b"` of `password=a b` is short but still a piece of it). Only the part inside the
    /// region is masked, so a quoted whole URI keeps its host.
    private static func maskingCopiedPasswords(in message: [UInt8], source: [UInt8], ranges: [Range<Int>]) -> [UInt8] {
        guard !message.isEmpty, !source.isEmpty else { return message }
        var masked = [Bool](repeating: false, count: message.count)
        markCopies(in: message, source: source, ranges: ranges, masked: &masked)
        // libpq quotes values percent-decoded too (a port cut from a password holding `/`): compare with the decoded
        // string as well, its regions mapped through where each decoded byte came from.
        let (decoded, origins) = percentDecodedWithOrigins(source)
        if decoded.count != source.count {
            let decodedRanges: [Range<Int>] = ranges.compactMap { range in
                guard let lower = origins.firstIndex(where: { $0 >= range.lowerBound }) else { return nil }
                let upper = origins.firstIndex(where: { $0 >= range.upperBound }) ?? origins.count
                return lower..<upper
            }
            markCopies(in: message, source: decoded, ranges: decodedRanges, masked: &masked)
        }
        var result: [UInt8] = []
        var index = 0
        while index < message.count {
            if masked[index] {
                result += Array(mask.utf8)
                while index < message.count, masked[index] { index += 1 }
            } else {
                result.append(message[index])
                index += 1
            }
        }
        return result
    }

    /// Marks in `masked` the bytes of `message` that ``maskingCopiedPasswords(in:source:ranges:)`` masks.
    private static func markCopies(in message: [UInt8], source: [UInt8], ranges: [Range<Int>], masked: inout [Bool]) {
        // matchLength[j]: how many bytes match from message[i] and source[j] on, for the current i (computed from the
        // end of the message backwards).
        var next = [Int](repeating: 0, count: source.count + 1)
        var current = [Int](repeating: 0, count: source.count + 1)
        for i in stride(from: message.count - 1, through: 0, by: -1) {
            for j in 0..<source.count {
                current[j] = message[i] == source[j] ? next[j + 1] + 1 : 0
            }
            for j in 0..<source.count where current[j] > 0 {
                // Only maximal stretches: one that extends to the left is handled from there.
                if i > 0, j > 0, message[i - 1] == source[j - 1] { continue }
                let length = current[j]
                let stretch = j..<(j + length)
                let opensQuote = i > 0 && message[i - 1] == doubleQuote
                let closesQuote = i + length < message.count && message[i + length] == doubleQuote
                let coversPassword = ranges.contains {
                    !$0.isEmpty && stretch.contains($0.lowerBound) && $0.upperBound <= stretch.upperBound
                }
                // A copy is a quoted token, a stretch holding a whole password, or four bytes or more at the edge of
                // a quoted token (the token may hold a quote of its own). Not any four bytes of a password anywhere:
                // "password" of `wrong-password` in "password authentication failed" is wording.
                let isCopy =
                    (opensQuote && closesQuote) || coversPassword || (length >= 4 && (opensQuote || closesQuote))
                // libpq's own `"="` is wording, not a copy.
                guard isCopy, !(length == 1 && message[i] == UInt8(ascii: "=")) else { continue }
                for range in ranges {
                    let overlap = range.clamped(to: stretch)
                    guard !overlap.isEmpty else { continue }
                    for k in overlap { masked[i + k - j] = true }
                }
            }
            swap(&current, &next)
        }
    }

    /// Percent-escapes decoded as libpq does, a malformed escape kept as written; with, for each decoded byte, the
    /// index of the byte it came from.
    private static func percentDecodedWithOrigins(_ bytes: [UInt8]) -> (bytes: [UInt8], origins: [Int]) {
        var result: [UInt8] = []
        var origins: [Int] = []
        var index = 0
        while index < bytes.count {
            origins.append(index)
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            {
                result.append(high << 4 | low)
                index += 3
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return (result, origins)
    }

    /// Percent-escapes decoded as libpq does; a malformed escape is kept as written.
    private static func percentDecoded(_ bytes: [UInt8]) -> [UInt8] {
        percentDecodedWithOrigins(bytes).bytes
    }

    /// A keyword value with its single quotes and backslash escapes undone.
    private static func unquoted(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.first == singleQuote else { return bytes }
        var result: [UInt8] = []
        var index = 1
        while index < bytes.count, bytes[index] != singleQuote {
            if bytes[index] == backslash, index + 1 < bytes.count { index += 1 }
            result.append(bytes[index])
            index += 1
        }
        return result
    }

    // MARK: - Bytes

    private static let singleQuote = UInt8(ascii: "'")
    private static let doubleQuote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    private static func isKeywordByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(lowercased(byte)) || byte == UInt8(ascii: "_")
    }

    private static func isSchemeByte(_ byte: UInt8) -> Bool {
        isKeywordByte(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func replacing(_ needle: [UInt8], with replacement: [UInt8], in haystack: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var index = 0
        while let found = firstIndex(of: needle, in: haystack, from: index) {
            result += haystack[index..<found]
            result += replacement
            index = found + needle.count
        }
        result += haystack[index...]
        return result
    }

    private static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, needle.count <= haystack.count else { return nil }
        var index = start
        while index + needle.count <= haystack.count {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }
}
