-- A parser and templates made of the built-in functions: a template gains an INIT function (re-created,
-- with the dictionary that uses it), a new parser used by a new configuration.
CREATE TEXT SEARCH TEMPLATE plain_template (INIT = dsimple_init, LEXIZE = dsimple_lexize);
CREATE TEXT SEARCH DICTIONARY plain_dictionary (TEMPLATE = plain_template, STOPWORDS = english);
CREATE TEXT SEARCH PARSER words_parser (
    START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, LEXTYPES = prsd_lextype, HEADLINE = prsd_headline
);
COMMENT ON TEXT SEARCH PARSER words_parser IS 'the default parser, renamed';
CREATE TEXT SEARCH CONFIGURATION words (PARSER = words_parser);
ALTER TEXT SEARCH CONFIGURATION words ADD MAPPING FOR asciiword WITH plain_dictionary;
