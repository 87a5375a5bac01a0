// Package limits holds the bounds Broadsheet puts on what it reads, each
// defined once, and the checks that must run before a decoder sees its
// input. docs/reference.md ("Limits") lists every one with its message.
package limits

// TOMLDepth is the deepest nesting a TOML document may have. A site's own
// TOML never needs more than a handful of levels; the bound keeps a hostile
// file from exhausting the decoder's stack.
const TOMLDepth = 64
