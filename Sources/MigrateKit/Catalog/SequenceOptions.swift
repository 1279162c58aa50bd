/// The parameters of a sequence, shared by free-standing sequences and identity columns.
package struct SequenceOptions: Hashable, Sendable {
    /// `smallint`, `integer` or `bigint`.
    package var dataType: String
    package var start: String
    package var increment: String
    package var minimum: String
    package var maximum: String
    package var cache: String
    package var cycles: Bool

    package init(
        dataType: String,
        start: String,
        increment: String,
        minimum: String,
        maximum: String,
        cache: String,
        cycles: Bool
    ) {
        self.dataType = dataType
        self.start = start
        self.increment = increment
        self.minimum = minimum
        self.maximum = maximum
        self.cache = cache
        self.cycles = cycles
    }
}
