import LibC

/// The on-disk format of a revision: one `.sql` file named `<revision>_<slug>.sql` whose header is made of
/// `-- migrate:<key> <value>` directives, followed by a `-- migrate:up` and a `-- migrate:down` section.
///
/// ```sql
/// -- migrate:revision 3f2a9c1b7d4e
/// -- migrate:down_revision 1a2b3c4d5e6f
/// -- migrate:message Add agents table
///
/// -- migrate:up
/// CREATE TABLE agents (id uuid PRIMARY KEY);
///
/// -- migrate:down
/// DROP TABLE agents;
/// ```
///
/// Rules beyond the format document, decided here:
/// - Lines end with `\n`, `\r\n` or a lone `\r`; a UTF-8 byte order mark is skipped. Section text is stored with
///   `\n` endings, so the checksum covers exactly the text that runs, and a CRLF file has the checksum of its LF
///   twin.
/// - A directive starts in column 1. A comment that looks like a misspelled directive (`--migrate:x`,
///   `-- Migrate:x`, an indented `-- migrate:x`) is an error rather than silently ignored, and so is a directive
///   after `-- migrate:up`.
/// - `-- migrate:up` and `-- migrate:down` may have trailing blanks but no other text.
/// - `down_revision none` may also be written `None` or left empty.
/// - The up section must contain SQL unless the revision is a merge (two or more parents): a merge joins
///   histories and usually has nothing to run.
/// - A revision is irreversible when its down section is empty but its up section is not (so an empty merge
///   can always be downgraded).
/// - File names: `<revision>_<slug>.sql`, the slug being 0 to 40 characters of `[a-z0-9_]`. An id may contain
///   `_`, so the check is that the name starts with the id and `_`, not that the id is the part before the
///   first `_`.
///
/// Parsing is in `RevisionFile+Parsing.swift`; this file holds the naming rules.
package enum RevisionFile {
    /// What every directive line starts with.
    package static let directivePrefix = "-- migrate:"

    /// The header keys, in the order `RevisionTemplate` writes them.
    package static let headerKeys = [
        "revision", "down_revision", "message", "created", "branch_labels", "depends_on", "transaction", "phase",
        "lock_timeout", "statement_timeout",
    ]

    /// The longest slug a file name may have.
    package static let maximumSlugLength = 40

    /// The extension of revision files.
    package static let fileExtension = ".sql"

    // MARK: - File names

    /// The file name for a revision: `<id>_<slug>.sql`, with the slug made from `message`.
    package static func fileName(id: String, message: String) -> String {
        "\(id)_\(slug(from: message))\(fileExtension)"
    }

    /// A file-name-friendly form of `message`: lowercase ASCII letters and digits, other runs of characters
    /// turned into one `_`, accents dropped (`é` → `e`), at most `maximumSlugLength` characters, cut at a word
    /// boundary when one is near. Empty when the message has no letters or digits.
    package static func slug(from message: String) -> String {
        var words: [String] = []
        var word = ""
        for scalar in message.unicodeScalars {
            // A combining accent (from a decomposed `é`) is dropped.
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            if let byte = slugByte(for: scalar) {
                word.unicodeScalars.append(Unicode.Scalar(byte | (isUppercase(byte) ? 0x20 : 0)))
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }

        var slug = ""
        for word in words {
            let separator = slug.isEmpty ? 0 : 1
            if slug.count + separator + word.count <= maximumSlugLength {
                slug += (separator == 1 ? "_" : "") + word
            } else {
                // A first word longer than the limit is cut; otherwise stop before the word that does not fit.
                if slug.isEmpty { slug = String(word.prefix(maximumSlugLength)) }
                break
            }
        }
        return slug
    }

    /// The ASCII letter or digit `scalar` is, or the Latin letter it carries an accent on (`é` is
    /// LATIN SMALL LETTER E WITH ACUTE: `e`); `nil` for anything else.
    private static func slugByte(for scalar: Unicode.Scalar) -> UInt8? {
        if scalar.isASCII {
            let byte = UInt8(scalar.value)
            return isSlugWordByte(byte) ? byte : nil
        }
        guard let name = scalar.properties.name else { return nil }
        for prefix in ["LATIN SMALL LETTER ", "LATIN CAPITAL LETTER "] where name.hasPrefix(prefix) {
            let letter = name.dropFirst(prefix.count).prefix { $0 != " " }
            guard letter.utf8.count == 1, let byte = letter.utf8.first, isUppercase(byte) else { return nil }
            return byte
        }
        return nil
    }

    /// Whether `text` is a valid slug: at most `maximumSlugLength` characters of `[a-z0-9_]`.
    package static func isValidSlug(_ text: some StringProtocol) -> Bool {
        isValidSlug(utf8: text.utf8)
    }

    private static func isValidSlug(utf8: some Collection<UInt8>) -> Bool {
        utf8.count <= maximumSlugLength
            && utf8.allSatisfy { isSlugWordByte($0) && !isUppercase($0) || $0 == UInt8(ascii: "_") }
    }

    private static func isSlugWordByte(_ byte: UInt8) -> Bool {
        Revision.isIdentifierByte(byte) && byte != UInt8(ascii: "_")
    }

    private static func isUppercase(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
    }

    /// Whether a directory entry is a revision file candidate: `.sql`, not hidden.
    static func isRevisionFileName(_ name: String) -> Bool {
        !name.hasPrefix(".") && name.hasSuffix(fileExtension)
    }

    /// Checks, before reading it, that `name` (a `.sql` file) has the form `<revision>_<slug>.sql`.
    /// - Throws: `MigrateError` `.revisionFile` naming the file.
    static func checkFileNameForm(_ name: String, path: String) throws {
        // Over the contiguous bytes: this runs for every file, and the generic algorithms on `String.UTF8View`
        // cost as much as parsing the file's header.
        var name = name
        let isWellFormed = name.withUTF8 { bytes in
            let stem = bytes.prefix(max(0, bytes.count - fileExtension.utf8.count))
            guard let underscore = stem.firstIndex(of: UInt8(ascii: "_")), underscore > 0 else { return false }
            return stem.allSatisfy(Revision.isIdentifierByte)
        }
        guard isWellFormed else { throw fileNameError(name: name, path: path, found: nil) }
    }

    /// Checks that `name`, the file `revision` was read from, is `<revision.id>_<slug>.sql`.
    /// - Throws: `MigrateError` `.revisionFile` naming the file and the `-- migrate:revision` line.
    static func checkFileName(_ name: String, of revision: Revision) throws {
        var name = name
        var id = revision.id
        // nil: the name does not begin with the id and `_`; else whether the slug after them is valid.
        let slugIsValid: Bool? = name.withUTF8 { nameBytes in
            id.withUTF8 { idBytes in
                let stemLength = nameBytes.count - fileExtension.utf8.count
                guard stemLength > idBytes.count, nameBytes[idBytes.count] == UInt8(ascii: "_"),
                    memcmp(nameBytes.baseAddress!, idBytes.baseAddress!, idBytes.count) == 0
                else { return nil }
                return isValidSlug(utf8: nameBytes[(idBytes.count + 1)..<stemLength])
            }
        }
        guard let slugIsValid else {
            let namePrefix = name.prefix { $0 != "_" }
            throw MigrateError(
                .revisionFile,
                "the file name says revision `\(namePrefix)` but `-- migrate:revision` says `\(revision.id)`; "
                    + "expected the file to be named `\(revision.id)_<slug>.sql`",
                location: SourceLocation(file: revision.path, line: revision.lines.revision),
                hint: "a revision's id and its file name must agree; rename the file or fix the directive"
            )
        }
        guard slugIsValid else {
            let slug = name.utf8.dropFirst(id.utf8.count + 1).dropLast(fileExtension.utf8.count)
            throw fileNameError(name: name, path: revision.path, found: String(decoding: slug, as: UTF8.self))
        }
    }

    private static func fileNameError(name: String, path: String, found slug: String?) -> MigrateError {
        var message = "the file name `\(name)` does not have the form `<revision>_<slug>.sql`"
        if let slug { message += " (slug `\(slug)`)" }
        return MigrateError(
            .revisionFile,
            message + "; expected the revision id, `_`, then a slug of at most \(maximumSlugLength) characters "
                + "from `a-z`, `0-9` and `_`",
            location: SourceLocation(file: path),
            hint: "files in the versions directory ending in `.sql` must be revisions; "
                + "move other SQL files elsewhere"
        )
    }
}
