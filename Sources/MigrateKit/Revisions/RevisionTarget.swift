/// Where `upgrade`, `downgrade` or `stamp` should take the database, as the user wrote it.
///
/// | text            | case                               | meaning                                             |
/// |-----------------|------------------------------------|-----------------------------------------------------|
/// | `head`          | `.head`                            | the single head (an error when there are several)   |
/// | `heads`         | `.heads`                           | every head                                          |
/// | `base`          | `.base`                            | before the first revision                           |
/// | `+2`, `-1`      | `.relative(2)`, `.relative(-1)`    | steps from where the database is                    |
/// | `ae10`, `ae10+2`| `.revision("ae10", offset: 2)`     | a revision (id, unique prefix, label), then steps   |
/// | `auth@head`     | `.branchHead("auth")`              | the head of the branch holding revision `auth`      |
/// | `auth@base`     | `.branchBase("auth")`              | below the revision labelled `auth`                  |
/// | `auth@+1`       | `.branchRelative("auth", 1)`       | steps from where the database is on that branch     |
///
/// Keywords are matched without regard to case, since no id or label may be a keyword in any case.
package enum RevisionTarget: Sendable, Hashable, CustomStringConvertible {
    /// `head`: the only head.
    case head
    /// `heads`: every head.
    case heads
    /// `base`: nothing applied.
    case base
    /// `+N` / `-N`: steps from where the database is.
    case relative(Int)
    /// `REV`, `REV+N`, `REV-N`: a revision by id, unique prefix or label, then steps along the only path.
    case revision(String, offset: Int)
    /// `label@head`: the head of the branch that starts at the labelled revision.
    case branchHead(String)
    /// `label@base`: below the labelled revision (a downgrade removes it and what needs it).
    case branchBase(String)
    /// `label@+N` / `label@-N`: steps from where the database is on that branch.
    case branchRelative(String, Int)

    /// What the forms look like, for messages.
    static let forms =
        "`head`, `heads`, `base`, a revision id, unique id prefix or branch label, `+N`, `-N`, `REV+N`, `REV-N`, "
        + "`label@head`, `label@base`, `label@+N` or `label@-N`"

    /// Parses a target.
    /// - Throws: `MigrateError` `.target` listing the forms when `text` is none of them.
    package init(parsing text: String) throws {
        let lowercased = text.lowercased()
        switch lowercased {
        case "head": self = .head
        case "heads": self = .heads
        case "base": self = .base
        default:
            if let at = text.firstIndex(of: "@") {
                let reference = String(text[..<at])
                let position = text[text.index(after: at)...]
                guard Revision.isValidIdentifier(reference) else { throw Self.syntaxError(text) }
                switch position.lowercased() {
                case "head": self = .branchHead(reference)
                case "base": self = .branchBase(reference)
                default:
                    guard let steps = Self.signedSteps(position) else { throw Self.syntaxError(text) }
                    self = .branchRelative(reference, steps)
                }
            } else if let sign = text.firstIndex(where: { $0 == "+" || $0 == "-" }) {
                guard let steps = Self.signedSteps(text[sign...]) else { throw Self.syntaxError(text) }
                if sign == text.startIndex {
                    self = .relative(steps)
                } else {
                    let reference = String(text[..<sign])
                    guard Revision.isValidIdentifier(reference) else { throw Self.syntaxError(text) }
                    self = .revision(reference, offset: steps)
                }
            } else {
                guard text.utf8.allSatisfy(Revision.isIdentifierByte), !text.isEmpty,
                    lowercased != "none", lowercased != "current"
                else { throw Self.syntaxError(text) }
                self = .revision(text, offset: 0)
            }
        }
    }

    /// `+N` or `-N` with N ≥ 1 (at most 1,000,000, far more than any history).
    private static func signedSteps(_ text: Substring) -> Int? {
        guard let sign = text.first, sign == "+" || sign == "-" else { return nil }
        let digits = text.dropFirst()
        guard !digits.isEmpty, digits.count <= 7, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
            let count = Int(digits), count >= 1, count <= 1_000_000
        else { return nil }
        return sign == "+" ? count : -count
    }

    private static func syntaxError(_ text: String) -> MigrateError {
        MigrateError(.target, "`\(text)` is not a target; expected \(forms)")
    }

    /// The target as it would be written.
    package var description: String {
        func steps(_ count: Int) -> String { count > 0 ? "+\(count)" : "\(count)" }
        switch self {
        case .head: return "head"
        case .heads: return "heads"
        case .base: return "base"
        case .relative(let count): return steps(count)
        case .revision(let reference, let offset): return offset == 0 ? reference : reference + steps(offset)
        case .branchHead(let label): return label + "@head"
        case .branchBase(let label): return label + "@base"
        case .branchRelative(let label, let count): return label + "@" + steps(count)
        }
    }
}
