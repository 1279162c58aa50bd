import LibC

/// What a path names, following symbolic links: `stat(2)` without Foundation's `ObjCBool` out-parameter.
enum FileKind {
    case directory
    /// A regular file or anything else that is not a directory.
    case file

    /// The kind of `path`, or nil when nothing (or a dangling link) is there.
    init?(at path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        self = status.st_mode & S_IFMT == S_IFDIR ? .directory : .file
    }
}
