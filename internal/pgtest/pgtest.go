// Package pgtest starts a throwaway PostgreSQL server for tests: initdb into
// a temporary folder, pg_ctl start on a free loopback port with a socket
// folder of its own, as the unprivileged postgres user when the tests run
// as root, and stop and delete it at the end.
//
// Without the server binaries (Debian's postgresql package puts them in
// /usr/lib/postgresql/VERSION/bin) the tests that need a server are
// skipped, except when the CI environment variable is set: there they
// fail.
package pgtest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Password is the password of the role Reader, which logs in over TCP with
// SCRAM.
const Password = "Tr0ub4dor-pa55-xyzzy"

// Reader is a role that can log in with Password and read the tables in
// the database DB.
const Reader = "reader"

// DB is the database the tests use.
const DB = "bs"

// Cluster is a running throwaway server.
type Cluster struct {
	Dir  string // the temporary folder
	Port int
	bin  string
	user string // the OS user that runs the server ("" for the current one)
}

// errMissing says the server binaries are not installed.
var errMissing = errors.New("PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin (apt-get install postgresql)")

// Main runs the tests of a package around a cluster: it starts one, runs
// m, and stops it. *c is nil when the binaries are missing outside CI.
func Main(m *testing.M, c **Cluster) int {
	for _, a := range os.Args[1:] {
		if strings.HasPrefix(a, "-test.list") {
			return m.Run() // listing the tests needs no server
		}
	}
	cl, err := Start()
	switch {
	case errors.Is(err, errMissing) && os.Getenv("CI") == "":
		fmt.Fprintf(os.Stderr, "pgtest: %v; tests that need PostgreSQL are skipped\n", err)
	case err != nil:
		fmt.Fprintf(os.Stderr, "pgtest: %v\n", err)
		return 1
	default:
		*c = cl
		defer cl.Stop()
	}
	return m.Run()
}

// Need skips the test when there is no cluster.
func Need(t testing.TB, c *Cluster) {
	t.Helper()
	if c == nil {
		t.Skip("no PostgreSQL server binaries")
	}
}

// binDir finds the newest /usr/lib/postgresql/*/bin that has initdb.
func binDir() (string, error) {
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	if len(matches) == 0 {
		return "", errMissing
	}
	sort.Slice(matches, func(i, j int) bool {
		vi, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(matches[i]))))
		vj, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(matches[j]))))
		return vi > vj
	})
	return filepath.Dir(matches[0]), nil
}

// Start makes and starts a cluster with the database DB and the role
// Reader.
func Start() (*Cluster, error) {
	bin, err := binDir()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "broadsheet-pg-")
	if err != nil {
		return nil, err
	}
	c := &Cluster{Dir: dir, bin: bin}
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("running as root, and there is no postgres user to run the server as: %v", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
		c.user = "postgres"
	}
	pwfile := filepath.Join(dir, "pw")
	if err := os.WriteFile(pwfile, []byte(Password+"\n"), 0o644); err != nil {
		return nil, err
	}
	if c.user != "" {
		u, _ := user.Lookup(c.user)
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		os.Chown(pwfile, uid, gid)
	}
	if err := c.run("initdb", "-D", c.data(), "-U", "postgres", "--auth-local=trust", "--auth-host=scram-sha-256",
		"--pwfile="+pwfile, "-E", "UTF8", "--locale=C", "--no-sync"); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	os.Remove(pwfile)
	if err := c.run("mkdir", filepath.Join(dir, "sock")); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if c.Port, err = freePort(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if err := c.Restart(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	ctx := context.Background()
	if err := c.Exec(ctx, "postgres", "CREATE DATABASE "+DB); err != nil {
		c.Stop()
		return nil, err
	}
	setup := fmt.Sprintf(`CREATE ROLE %s LOGIN PASSWORD '%s';
		ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO %s;
		GRANT CREATE ON SCHEMA public TO %s`, Reader, Password, Reader, Reader)
	if err := c.Exec(ctx, DB, setup); err != nil {
		c.Stop()
		return nil, err
	}
	return c, nil
}

func (c *Cluster) data() string { return filepath.Join(c.Dir, "data") }

// Restart starts the server (again, after Kill).
func (c *Cluster) Restart() error {
	opts := fmt.Sprintf("-c listen_addresses=127.0.0.1 -p %d -k %s -c fsync=off -c full_page_writes=off -c max_connections=30",
		c.Port, filepath.Join(c.Dir, "sock"))
	return c.run(filepath.Join(c.bin, "pg_ctl"), "-D", c.data(), "-l", filepath.Join(c.Dir, "log"), "-o", opts, "-w", "-t", "60", "start")
}

// Kill stops the server at once, as a crash would.
func (c *Cluster) Kill() error {
	return c.run(filepath.Join(c.bin, "pg_ctl"), "-D", c.data(), "-m", "immediate", "-w", "stop")
}

// Stop stops the server and deletes its folder.
func (c *Cluster) Stop() {
	c.run(filepath.Join(c.bin, "pg_ctl"), "-D", c.data(), "-m", "fast", "-w", "stop")
	os.RemoveAll(c.Dir)
}

// run runs a program as the cluster's user.
func (c *Cluster) run(prog string, args ...string) error {
	if !strings.Contains(prog, "/") && prog != "mkdir" {
		prog = filepath.Join(c.bin, prog)
	}
	cmd := exec.Command(prog, args...)
	if c.user != "" {
		cmd = exec.Command("runuser", append([]string{"-u", c.user, "--", prog}, args...)...)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s: %v\n%s", filepath.Base(prog), err, out)
	}
	return nil
}

// SuperDSN is the connection string of the superuser, over the socket.
func (c *Cluster) SuperDSN(db string) string {
	return fmt.Sprintf("host=%s port=%d user=postgres dbname=%s sslmode=disable", filepath.Join(c.Dir, "sock"), c.Port, db)
}

// ReaderDSN is the connection string of Reader, over TCP with a password.
func (c *Cluster) ReaderDSN() string {
	return fmt.Sprintf("postgres://%s:%s@127.0.0.1:%d/%s?sslmode=disable", Reader, Password, c.Port, DB)
}

// Exec runs SQL as the superuser in database db.
func (c *Cluster) Exec(ctx context.Context, db, sql string) error {
	conn, err := pgx.Connect(ctx, c.SuperDSN(db))
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, sql)
	return err
}

// Query runs a query as the superuser and returns the first column of the
// first row as text.
func (c *Cluster) Query(ctx context.Context, sql string) (string, error) {
	conn, err := pgx.Connect(ctx, c.SuperDSN(DB))
	if err != nil {
		return "", err
	}
	defer conn.Close(ctx)
	var s string
	err = conn.QueryRow(ctx, sql).Scan(&s)
	return s, err
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	// Leave the port a moment to be free again.
	time.Sleep(10 * time.Millisecond)
	return l.Addr().(*net.TCPAddr).Port, nil
}
