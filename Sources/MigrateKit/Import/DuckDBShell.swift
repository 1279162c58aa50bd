import LibC

/// The DuckDB command-line program, kept running read-only on one database file, answering one query at a time.
///
/// Every query goes to the program's standard input as `COPY (query) TO '/dev/stdout' (FORMAT csv, FORCE_QUOTE *)`
/// and is followed by a second `COPY` of a random token alone on a line. DuckDB's CSV writer streams (memory stays
/// flat whatever the size of the result), and with every value quoted, an unquoted empty field can only be NULL
/// (the empty string is `""`) and an unquoted non-empty field can only be the token that ends the result.
///
/// A query that fails may have written part of a row, so the token can then end up in the middle of a field.
/// DuckDB prints the error to standard error before it runs the token's `COPY`: whenever a read from standard output
/// is followed by text on standard error, the result is abandoned and the raw bytes are searched for the token.
///
/// Not `Sendable`: one owner sends a query and reads its result before the next.
final class DuckDBShell {
    /// The database file, as given; every error names it.
    let databasePath: String
    private let pid: pid_t
    /// Our end of a socket pair that is the program's standard input (a socket, so that writing after the program
    /// died fails with `EPIPE` instead of raising `SIGPIPE`).
    private var input: Int32
    private var output: Int32
    /// Non-blocking.
    private var errors: Int32
    private let endToken: [UInt8]
    private var readBuffer: [UInt8]
    private var isClosed = false

    /// The `COPY` options of every result: CSV, every value quoted, written straight to the pipe (DuckDB otherwise
    /// writes to a temporary file and renames it over the target when the target exists).
    private static let copyOptions = "(FORMAT csv, HEADER false, FORCE_QUOTE *, USE_TMP_FILE false)"

    /// Starts `executable -readonly databasePath` and waits until the database is open.
    ///
    /// - Throws: ``MigrateError`` with code `io` if the program cannot start or DuckDB cannot open the file.
    init(executable: String, databasePath: String) throws(MigrateError) {
        self.databasePath = databasePath
        var token: [UInt8] = Array("migrate-end-".utf8)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<4 { token += Array(String(generator.next() as UInt64, radix: 16).utf8) }
        endToken = token
        readBuffer = [UInt8](repeating: 0, count: 1 << 16)

        // A path that starts with `-` would be an option, and `:memory:` is not a file.
        let fileArgument = databasePath.hasPrefix("/") ? databasePath : "./" + databasePath
        let process = try Self.spawn(
            executable,
            ["-batch", "-no-init", "-readonly", fileArgument],
            databasePath: databasePath
        )
        pid = process.pid
        input = process.input
        output = process.output
        errors = process.errors
        do {
            // Also tells a program that is not DuckDB's CLI (a wrong MIGRATE_DUCKDB) from one that is.
            var answer: [String?] = []
            try run("SELECT 'ready'", readTimeout: 60_000) { answer.append($0.text(0)) }
            guard answer == ["ready"] else { throw failure("\(executable) does not answer as DuckDB's CLI does") }
        } catch let error as MigrateError {
            close()
            throw error
        } catch {
            close()
            throw failure("cannot open it with DuckDB: \(error)")
        }
    }

    deinit { close() }

    // MARK: - Queries

    /// Runs one query and calls `record` with each row.
    ///
    /// Throwing from `record` stops the calls; the rest of the result is read and dropped so that the next query
    /// starts clean, and the error is rethrown.
    ///
    /// - Parameters:
    ///   - readTimeout: Milliseconds to wait for each read before giving up; `nil` waits as long as DuckDB needs
    ///     (sorting a large table can take a while before the first row).
    /// - Throws: ``MigrateError`` (code `io`) quoting DuckDB's message when the query fails or the program ended,
    ///   else what `record` threw.
    func run(_ query: String, readTimeout: Int32? = nil, _ record: (DuckDBRecord) throws -> Void) throws {
        guard !isClosed else { throw failure("the DuckDB reader was closed") }
        let token = String(decoding: endToken, as: UTF8.self)
        let script =
            "COPY (\n\(query)\n) TO '/dev/stdout' \(Self.copyOptions);\n"
            + "COPY (SELECT '\(token)') TO '/dev/stdout' (FORMAT csv, HEADER false, USE_TMP_FILE false);\n"
        try send(Array(script.utf8))

        var parser = DuckDBCSVParser(endToken: endToken)
        var recordError: (any Error)?
        var errorText: [UInt8] = []
        // Once DuckDB reported an error: the last bytes read, to find the token across two reads.
        var rawTail: [UInt8]? = nil
        var finished = false
        while !finished {
            let count = try readOutput(timeout: readTimeout)
            if count == 0 {
                drainErrors(into: &errorText, wait: true)
                throw ended(errorText)
            }
            drainErrors(into: &errorText, wait: false)
            if !errorText.isEmpty && rawTail == nil { rawTail = [] }
            if var tail = rawTail {
                tail += readBuffer[0..<count]
                finished = Self.containsLine(endToken, in: tail)
                rawTail = Array(tail.suffix(endToken.count + 1))
                continue
            }
            do {
                finished = try readBuffer.withUnsafeBufferPointer { bytes in
                    try parser.feed(UnsafeBufferPointer(rebasing: bytes[0..<count])) { fields in
                        guard recordError == nil else { return }
                        do { try record(fields) } catch { recordError = error }
                    }
                }
            } catch let error as DuckDBCSVParser.Malformed {
                // Not what DuckDB's CSV writer produces: the stream cannot be trusted for another query.
                close()
                throw failure("unexpected output from DuckDB: \(error.reason)")
            }
        }
        drainErrors(into: &errorText, wait: false)
        if !errorText.isEmpty { throw failure("DuckDB says: " + Self.message(errorText)) }
        if let recordError { throw recordError }
    }

    /// Runs a query whose values are all text (or NULL) and returns its rows; for small catalog queries.
    func rows(_ query: String) throws(MigrateError) -> [[String?]] {
        var result: [[String?]] = []
        do {
            try run(query) { record in
                result.append((0..<record.count).map { record.text($0) })
            }
        } catch let error as MigrateError {
            throw error
        } catch {
            throw failure("\(error)")
        }
        return result
    }

    /// An error about this file, with DuckDB's own words when there are some.
    func failure(_ message: String, code: MigrateError.Code = .io) -> MigrateError {
        MigrateError(code, message, location: SourceLocation(file: databasePath))
    }

    // MARK: - Ending

    /// Ends the program: closes its input and waits a few seconds for it to exit, then kills it.
    func close() {
        guard !isClosed else { return }
        isClosed = true
        LibC.close(input)
        LibC.close(output)
        LibC.close(errors)
        var status: Int32 = 0
        for _ in 0..<500 {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid || (result == -1 && errno != EINTR) { return }
            usleep(10_000)
        }
        // The Python launcher of the `duckdb-cli` package runs the real program as its child: end the group.
        kill(-pid, SIGKILL)
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    }

    private func ended(_ errorText: [UInt8]) -> MigrateError {
        let message = Self.message(errorText)
        close()
        if message.isEmpty { return failure("DuckDB ended unexpectedly") }
        return failure("DuckDB says: " + message)
    }

    private static func message(_ bytes: [UInt8]) -> String {
        var text = String(decoding: bytes, as: UTF8.self)
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }

    // MARK: - Pipes

    private func send(_ bytes: [UInt8]) throws(MigrateError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes {
                LibC.send(input, $0.baseAddress! + offset, $0.count - offset, sendWithoutSIGPIPE)
            }
            if written < 0 {
                if errno == EINTR { continue }
                var errorText: [UInt8] = []
                drainErrors(into: &errorText, wait: true)
                throw ended(errorText)
            }
            offset += written
        }
    }

    private func readOutput(timeout: Int32?) throws(MigrateError) -> Int {
        if let timeout {
            var descriptor = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
            var ready: Int32
            repeat { ready = poll(&descriptor, 1, timeout) } while ready == -1 && errno == EINTR
            if ready == 0 {
                close()
                throw failure("DuckDB did not answer within \(timeout / 1000) seconds")
            }
        }
        while true {
            let count = readBuffer.withUnsafeMutableBytes { read(output, $0.baseAddress, $0.count) }
            if count >= 0 { return count }
            if errno != EINTR { throw failure("cannot read DuckDB's output: \(String(cString: strerror(errno)))") }
        }
    }

    /// Appends what DuckDB wrote to standard error; with `wait`, until it closes it (when the program ended).
    private func drainErrors(into text: inout [UInt8], wait: Bool) {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            if wait {
                var descriptor = pollfd(fd: errors, events: Int16(POLLIN), revents: 0)
                if poll(&descriptor, 1, 5000) <= 0 { return }
            }
            let count = buffer.withUnsafeMutableBytes { read(errors, $0.baseAddress, $0.count) }
            if count > 0 {
                text += buffer[0..<count]
                continue
            }
            if count < 0 && errno == EINTR { continue }
            return
        }
    }

    private static func containsLine(_ token: [UInt8], in bytes: [UInt8]) -> Bool {
        let line = token + [UInt8(ascii: "\n")]
        guard bytes.count >= line.count else { return false }
        for start in 0...(bytes.count - line.count) where bytes[start] == line[0] {
            if bytes[start..<(start + line.count)].elementsEqual(line) { return true }
        }
        return false
    }

    // MARK: - Starting

    private struct Spawned {
        var pid: pid_t
        var input: Int32
        var output: Int32
        var errors: Int32
    }

    private static func spawn(
        _ executable: String,
        _ arguments: [String],
        databasePath: String
    ) throws(MigrateError) -> Spawned {
        func failed(_ what: String) -> MigrateError {
            MigrateError(
                .io,
                "cannot start \(executable) to read the DuckDB file: \(what): \(String(cString: strerror(errno)))",
                location: SourceLocation(file: databasePath)
            )
        }
        var socketPair: [Int32] = [-1, -1]
        var outputPipe: [Int32] = [-1, -1]
        var errorPipe: [Int32] = [-1, -1]
        let socketType = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        guard socketpair(AF_UNIX, socketType, 0, &socketPair) == 0 else { throw failed("socketpair") }
        // `pipe2` is not imported into Swift; no other program is started between `pipe` and `fcntl` here but
        // one started by another thread could inherit the pipes for that moment, which only delays its end-of-file.
        guard pipe(&outputPipe) == 0 else {
            socketPair.forEach { _ = LibC.close($0) }
            throw failed("pipe")
        }
        guard pipe(&errorPipe) == 0 else {
            (socketPair + outputPipe).forEach { _ = LibC.close($0) }
            throw failed("pipe")
        }
        for descriptor in outputPipe + errorPipe { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, socketPair[1], 0)
        posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errorPipe[1], 2)
        DuckDBSpawnExtensions.addCloseFrom(&actions, 3)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A process group of its own: Ctrl-C reaches migrate, which ends the reader; `close` can end the group.
        posix_spawnattr_setflags(
            &attributes,
            Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        )
        posix_spawnattr_setpgroup(&attributes, 0)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        sigaddset(&defaultSignals, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)

        let argv = [executable] + arguments
        var childPID: pid_t = 0
        let copies: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { copies.forEach { free($0) } }
        let status = copies.withUnsafeBufferPointer { argvPointer in
            posix_spawn(&childPID, executable, &actions, &attributes, argvPointer.baseAddress!, environ)
        }
        [socketPair[1], outputPipe[1], errorPipe[1]].forEach { _ = LibC.close($0) }
        guard status == 0 else {
            [socketPair[0], outputPipe[0], errorPipe[0]].forEach { _ = LibC.close($0) }
            errno = status
            throw failed("posix_spawn")
        }
        _ = fcntl(errorPipe[0], F_SETFL, fcntl(errorPipe[0], F_GETFL) | O_NONBLOCK)
        return Spawned(pid: childPID, input: socketPair[0], output: outputPipe[0], errors: errorPipe[0])
    }
}

/// One row of a result: each field's bytes, or NULL. Valid only during the call it is passed to.
struct DuckDBRecord {
    fileprivate let storage: UnsafeBufferPointer<UInt8>
    fileprivate let fields: UnsafeBufferPointer<Range<Int>?>

    var count: Int { fields.count }

    /// The bytes of a field, `nil` for NULL.
    func bytes(_ index: Int) -> UnsafeBufferPointer<UInt8>? {
        guard let range = fields[index] else { return nil }
        return UnsafeBufferPointer(rebasing: storage[range])
    }

    func text(_ index: Int) -> String? {
        bytes(index).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// Splits DuckDB's CSV output (every value quoted, NULL as an empty unquoted field) into records, one read at a time.
struct DuckDBCSVParser {
    struct Malformed: Error { var reason: String }

    private enum State {
        case fieldStart
        case quoted
        /// A quote inside a quoted field: either the first of a doubled quote or the field's end.
        case quoteInQuoted
        case unquoted
    }

    private let endToken: [UInt8]
    private var state = State.fieldStart
    private var storage: [UInt8] = []
    private var fields: [Range<Int>?] = []
    private var fieldStart = 0
    private var fieldIsQuoted = false

    init(endToken: [UInt8]) {
        self.endToken = endToken
        storage.reserveCapacity(1 << 12)
    }

    /// Parses the next bytes, calling `record` for every complete row.
    /// - Returns: Whether the end token was reached.
    mutating func feed(
        _ bytes: UnsafeBufferPointer<UInt8>,
        _ record: (DuckDBRecord) -> Void
    ) throws(Malformed) -> Bool {
        let quote = UInt8(ascii: "\"")
        let comma = UInt8(ascii: ",")
        let newline = UInt8(ascii: "\n")
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch state {
            case .fieldStart:
                index += 1
                if byte == quote {
                    state = .quoted
                    fieldIsQuoted = true
                    fieldStart = storage.count
                } else if byte == comma {
                    fields.append(nil)
                } else if byte == newline {
                    fields.append(nil)
                    if try endRecord(record) { return true }
                } else {
                    state = .unquoted
                    fieldIsQuoted = false
                    fieldStart = storage.count
                    storage.append(byte)
                }
            case .quoted:
                // Copy the run up to the next quote in one go.
                var end = index
                while end < bytes.count && bytes[end] != quote { end += 1 }
                storage.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
                if end < bytes.count { state = .quoteInQuoted }
                index = end + 1
            case .quoteInQuoted:
                index += 1
                if byte == quote {
                    storage.append(quote)
                    state = .quoted
                } else if byte == comma {
                    fields.append(fieldStart..<storage.count)
                    state = .fieldStart
                } else if byte == newline {
                    fields.append(fieldStart..<storage.count)
                    state = .fieldStart
                    if try endRecord(record) { return true }
                } else {
                    throw Malformed(reason: "a character after a closing quote")
                }
            case .unquoted:
                index += 1
                if byte == comma {
                    // Only the end token is unquoted, and it is alone on its line.
                    throw Malformed(reason: "an unquoted value")
                } else if byte == newline {
                    fields.append(fieldStart..<storage.count)
                    state = .fieldStart
                    if try endRecord(record) { return true }
                } else {
                    storage.append(byte)
                }
            }
        }
        return false
    }

    private mutating func endRecord(_ record: (DuckDBRecord) -> Void) throws(Malformed) -> Bool {
        defer {
            storage.removeAll(keepingCapacity: true)
            fields.removeAll(keepingCapacity: true)
            fieldIsQuoted = false
        }
        if !fieldIsQuoted, fields.count == 1, let range = fields[0], !range.isEmpty {
            if storage[range].elementsEqual(endToken) { return true }
            throw Malformed(reason: "an unquoted value")
        }
        storage.withUnsafeBufferPointer { storage in
            fields.withUnsafeBufferPointer { fields in
                record(DuckDBRecord(storage: storage, fields: fields))
            }
        }
        return false
    }
}

/// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34) is not imported into Swift; look it up at run time.
private enum DuckDBSpawnExtensions {
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    static func addCloseFrom(_ actions: inout posix_spawn_file_actions_t, _ lowest: Int32) {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np")
        else { return }
        let function = unsafeBitCast(symbol, to: AddCloseFrom.self)
        _ = function(&actions, lowest)
    }
}
