//! Storage: events and articles in one sled tree, with the indexes queries scan. Owns the key
//! codec and the value codec; never parses article text and never plans queries.
