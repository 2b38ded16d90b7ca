package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/chotmap/chot/store"
)

// userCmd manages users: `chot user add --role planner NAME` prints the new user's token
// (shown only this once); `chot user token NAME` issues a fresh one and revokes the old;
// `chot user list`.
func userCmd(args []string, stdout, stderr io.Writer) int {
	const usage = "usage: chot user add [--store chot.db] --role viewer|planner|admin NAME\n       chot user token [--store chot.db] NAME\n       chot user list [--store chot.db]"
	if len(args) == 0 {
		fmt.Fprintln(stderr, usage)
		return 2
	}
	fl := flag.NewFlagSet("user "+args[0], flag.ContinueOnError)
	fl.SetOutput(stderr)
	where := fl.String("store", "chot.db", "the store chotd uses (its --store): a SQLite file or a postgres:// URL")
	role := fl.String("role", "viewer", "viewer, planner or admin")
	if err := fl.Parse(args[1:]); err != nil {
		return 2
	}
	want := map[string]int{"add": 1, "token": 1, "list": 0}
	n, ok := want[args[0]]
	if !ok || fl.NArg() != n || !store.Role(*role).Valid() {
		fmt.Fprintln(stderr, usage)
		return 2
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	st, err := store.Open(ctx, *where)
	if err != nil {
		fmt.Fprintf(stderr, "chot user: %v\n", err)
		return 1
	}
	defer st.Close()
	switch args[0] {
	case "add":
		u, token, err := st.AddUser(ctx, "chot-cli", fl.Arg(0), store.Role(*role))
		if err != nil {
			fmt.Fprintf(stderr, "chot user add: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "user %s (%s) added; token (shown only this once):\n%s\n", u.Name, u.Role, token)
	case "token":
		token, err := st.NewToken(ctx, "chot-cli", fl.Arg(0))
		if err != nil {
			fmt.Fprintf(stderr, "chot user token: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "new token for %s (the old ones no longer work):\n%s\n", fl.Arg(0), token)
	case "list":
		users, err := st.Users(ctx)
		if err != nil {
			fmt.Fprintf(stderr, "chot user list: %v\n", err)
			return 1
		}
		for _, u := range users {
			fmt.Fprintf(stdout, "%s\t%s\t%s\n", u.Name, u.Role, u.CreatedAt.Format("2006-01-02 15:04"))
		}
	}
	return 0
}
