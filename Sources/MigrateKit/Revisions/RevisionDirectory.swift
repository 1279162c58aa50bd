import Dispatch
import LibC

/// The directory of revision files (`migrations/versions/`).
///
/// Every `.sql` file in it that is not hidden must be a revision named `<revision>_<slug>.sql`; other files
/// (notes, editor backups such as `x.sql~`, dotfiles) and subdirectories are ignored.
package struct RevisionDirectory: Sendable {
    /// The directory's path, as given; revision paths are this plus `/` plus the file name.
    package var path: String

    /// The directory at `path`; nothing is read until `loadRevisions()`.
    package init(path: String) {
        self.path = path
    }

    /// Reads and parses every revision file, in file-name order.
    ///
    /// Uses `openat`/`read` directly and spreads the files over the available cores: for a 10,000-file
    /// directory, system calls are most of the cost.
    /// - Throws: `MigrateError` `.io` when the directory or a file cannot be read, `.revisionFile` for the first
    ///   file (in name order) that does not parse or is misnamed.
    package func loadRevisions() throws -> [Revision] {
        let directoryDescriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directoryDescriptor >= 0 else { throw ioError("cannot open the revisions directory", path: path) }
        guard let directory = fdopendir(directoryDescriptor) else {
            let error = ioError("cannot read the revisions directory", path: path)
            close(directoryDescriptor)
            throw error
        }
        defer { closedir(directory) }

        let names = try fileNames(directory)
        let prefix = path.hasSuffix("/") ? path : path + "/"
        let descriptor = dirfd(directory)
        // Below a few hundred files, threads cost more than they save.
        let workers = names.count < 256 ? 1 : concurrentWorkerCount()
        // Each worker reads its own run of consecutive files and stops at its first error, so taking the runs in
        // order reports the first bad file in name order.
        let runLength = (names.count + workers - 1) / workers
        let runs = ResultSlots<[Revision]>(count: workers)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            runs[worker] = Result {
                var buffer: [UInt8] = []
                var loaded: [Revision] = []
                loaded.reserveCapacity(runLength)
                let run = min(worker * runLength, names.count)..<min((worker + 1) * runLength, names.count)
                for index in run {
                    if let revision = try loadRevision(
                        named: names[index],
                        path: prefix + names[index],
                        in: descriptor,
                        buffer: &buffer
                    ) {
                        loaded.append(revision)
                    }
                }
                return loaded
            }
        }
        var revisions = try runs.take(0).get()
        for worker in 1..<workers { revisions += try runs.take(worker).get() }
        return revisions
    }

    /// One file: `nil` when the name turns out to be a directory.
    private func loadRevision(named name: String, path: String, in directory: Int32, buffer: inout [UInt8]) throws
        -> Revision?
    {
        // Read first: where the file system does not report entry types, only reading tells a directory
        // named `x.sql` (skipped, EISDIR) from a misnamed file (an error).
        guard let count = try readFile(name, relativeTo: directory, path: path, into: &buffer) else { return nil }
        try RevisionFile.checkFileNameForm(name, path: path)
        let revision = try buffer.withUnsafeBufferPointer {
            try RevisionFile.parse(UnsafeBufferPointer(rebasing: $0[..<count]), path: path)
        }
        try RevisionFile.checkFileName(name, of: revision)
        return revision
    }

    /// Loads the revisions and builds their graph.
    /// - Throws: what `loadRevisions()` and `RevisionGraph.init(_:)` throw.
    package func loadGraph() throws -> RevisionGraph {
        try RevisionGraph(loadRevisions())
    }

    /// Names of candidate revision files, sorted so that the order is the same everywhere.
    private func fileNames(_ directory: OpaquePointer) throws -> [String] {
        var names: [String] = []
        errno = 0
        while let entry = readdir(directory) {
            if entry.pointee.d_type == UInt8(DT_DIR) { continue }
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            if RevisionFile.isRevisionFileName(name) { names.append(name) }
        }
        if errno != 0 { throw ioError("cannot list the revisions directory", path: path) }
        return names.sorted()
    }

    /// Reads a whole file into the start of `buffer`, growing it as needed, and returns the file's length;
    /// `nil` when the name is a directory (reached through a symbolic link, or on file systems that do not
    /// report entry types).
    ///
    /// No `fstat` to size the buffer: from a regular file, a read that returns less than it asked for has reached
    /// the end. That saves one system call in four per file.
    private func readFile(_ name: String, relativeTo directory: Int32, path: String, into buffer: inout [UInt8])
        throws -> Int?
    {
        let descriptor = openat(directory, name, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == EISDIR { return nil }
            throw ioError("cannot open", path: path)
        }
        defer { close(descriptor) }
        if buffer.isEmpty { buffer = [UInt8](repeating: 0, count: 16_384) }
        var count = 0
        while true {
            if count == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
            let wanted = buffer.count - count
            let received = buffer.withUnsafeMutableBytes { bytes in
                read(descriptor, bytes.baseAddress! + count, wanted)
            }
            if received < 0 {
                if errno == EINTR { continue }
                if errno == EISDIR { return nil }
                throw ioError("cannot read", path: path)
            }
            count += received
            if received < wanted { return count }
        }
    }

    private func ioError(_ what: String, path: String) -> MigrateError {
        let reason = String(cString: strerror(errno))
        return MigrateError(.io, "\(what) \(path): \(reason)", location: SourceLocation(file: path))
    }
}
