// Command loadduckdb runs an SQL script into a new DuckDB database file:
//
//	go run ./internal/source/cmd/loadduckdb db/shortvideo.sql db/shortvideo.duckdb
//
// It makes the demo's embedded database from its readable script. The
// file must not exist yet; the database is written whole or not at all.
package main

import (
	"database/sql"
	"fmt"
	"os"

	_ "github.com/duckdb/duckdb-go/v2"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: loadduckdb SCRIPT.sql DATABASE.duckdb")
		os.Exit(2)
	}
	if err := load(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintf(os.Stderr, "loadduckdb: %v\n", err)
		os.Exit(1)
	}
}

func load(script, file string) error {
	src, err := os.ReadFile(script)
	if err != nil {
		return err
	}
	if _, err := os.Stat(file); err == nil {
		return fmt.Errorf("%s exists; delete it first", file)
	}
	tmp := file + ".new"
	os.Remove(tmp)
	db, err := sql.Open("duckdb", tmp)
	if err != nil {
		return err
	}
	_, err = db.Exec(string(src))
	if err == nil {
		_, err = db.Exec("CHECKPOINT")
	}
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("%s: %v", script, err)
	}
	return os.Rename(tmp, file)
}
