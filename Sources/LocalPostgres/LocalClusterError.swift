/// A failure creating, starting or stopping a local PostgreSQL cluster.
package struct LocalClusterError: Error, Sendable, CustomStringConvertible {
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case serverNotInstalled, ownership, initdbFailed, startFailed, stopFailed, filesystem
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// `initdb`/`pg_ctl` are not installed.
        package static let serverNotInstalled = Code(.serverNotInstalled)
        /// The cluster directory belongs to another user.
        package static let ownership = Code(.ownership)
        package static let initdbFailed = Code(.initdbFailed)
        package static let startFailed = Code(.startFailed)
        package static let stopFailed = Code(.stopFailed)
        /// Creating directories, changing owners or locking failed.
        package static let filesystem = Code(.filesystem)

        package var description: String { base.rawValue }
    }

    package var code: Code
    package var message: String
    package var hint: String?

    package init(_ code: Code, _ message: String, hint: String? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
    }

    package var description: String {
        hint.map { "\(message)\nhint: \($0)" } ?? message
    }
}
