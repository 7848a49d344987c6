//! The `geochron` command line: clap dispatch only.

fn main() {}
