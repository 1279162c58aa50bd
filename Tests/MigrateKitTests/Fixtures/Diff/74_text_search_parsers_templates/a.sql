CREATE TEXT SEARCH TEMPLATE plain_template (LEXIZE = dsimple_lexize);
