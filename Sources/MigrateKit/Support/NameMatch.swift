/// How `import` and `export --like` match a table or column to the other side's: by name exactly, else the one
/// name equal ignoring case.
enum NameMatch {
    /// The match of `name` among `candidates`; nil when there is none, or several ignoring case.
    static func find<Element>(_ name: String, in candidates: [Element], _ nameOf: (Element) -> String) -> Element? {
        if let exact = candidates.first(where: { nameOf($0) == name }) { return exact }
        let folded = candidates.filter { nameOf($0).lowercased() == name.lowercased() }
        return folded.count == 1 ? folded[0] : nil
    }
}
