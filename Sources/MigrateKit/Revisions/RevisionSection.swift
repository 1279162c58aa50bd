/// The SQL of one section of a revision file (`-- migrate:up` or `-- migrate:down`) and where it starts.
package struct RevisionSection: Sendable, Hashable {
    /// The section's text, from the line after its marker up to the next marker or the end of the file, with
    /// line endings normalised to `\n`.
    ///
    /// This is exactly the text the checksum covers and the text that runs, so a statement's line inside it
    /// plus `firstLine - 1` is its line in the file.
    package var text: String
    /// The 1-based file line of the section's first line (the line after its marker).
    package var firstLine: Int
    /// Whether the section has anything besides blank lines and `--` comment lines.
    package var containsSQL: Bool

    /// A section; `RevisionFile` makes them.
    package init(text: String, firstLine: Int, containsSQL: Bool) {
        self.text = text
        self.firstLine = firstLine
        self.containsSQL = containsSQL
    }

    /// The file line of the section's marker (`-- migrate:up` or `-- migrate:down`).
    package var markerLine: Int { firstLine - 1 }
}
