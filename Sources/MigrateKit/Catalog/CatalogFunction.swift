/// A function, procedure or aggregate (window functions count as functions: `pg_get_functiondef` writes
/// their `WINDOW` attribute).
package struct CatalogFunction: Hashable, Sendable {
    /// What `CREATE`, `DROP` and `COMMENT ON` call the object.
    package enum Kind: String, Hashable, Sendable {
        case function = "FUNCTION"
        case procedure = "PROCEDURE"
        case aggregate = "AGGREGATE"
    }

    package var identity: FunctionIdentity
    package var kind: Kind
    package var isProcedure: Bool { kind == .procedure }
    /// `pg_get_function_arguments`: names, modes, types and defaults.
    package var arguments: String
    /// `pg_get_function_result`; `nil` for procedures.
    package var result: String?
    /// `pg_get_function_identity_arguments`: like ``arguments`` without defaults.
    package var identityArguments: String
    /// The complete `CREATE OR REPLACE FUNCTION` statement from `pg_get_functiondef`, without a final newline;
    /// for an aggregate, the `CREATE OR REPLACE AGGREGATE` statement ``CatalogQueries/functions`` composes.
    package var definition: String
    package var comment: String?

    package init(
        identity: FunctionIdentity,
        kind: Kind,
        arguments: String,
        result: String?,
        identityArguments: String,
        definition: String,
        comment: String? = nil
    ) {
        self.identity = identity
        self.kind = kind
        self.arguments = arguments
        self.result = result
        self.identityArguments = identityArguments
        self.definition = definition
        self.comment = comment
    }
}
