// Command chotd is the chot server: the three embedded city maps (and any extra cities in
// --maps DIR) behind the HTTP API.
//
//	chotd --addr 127.0.0.1:8080 --maps DIR
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/chotmap/chot/data"
	"github.com/chotmap/chot/geo"
	"github.com/chotmap/chot/server"
	"github.com/chotmap/chot/store"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "chotd:", err)
		os.Exit(1)
	}
}

type options struct {
	addr      string
	maps      string
	logLevel  slog.Level
	logFormat string
	accessLog bool
	store     string
}

func parseFlags(args []string, stderr io.Writer) (*options, error) {
	o := &options{}
	fl := flag.NewFlagSet("chotd", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.StringVar(&o.addr, "addr", ":8080", "address to listen on")
	fl.StringVar(&o.maps, "maps", "", "folder of extra city folders (each subfolder a city, its id the folder name)")
	fl.TextVar(&o.logLevel, "log-level", slog.LevelInfo, "log level: debug, info, warn or error")
	fl.StringVar(&o.logFormat, "log-format", "json", "log format: json or text")
	fl.BoolVar(&o.accessLog, "access-log", false, "log every request (by default only 4xx and 5xx)")
	fl.StringVar(&o.store, "store", "chot.db", "where checkpoints, users and the audit log are kept: a SQLite file (created with its schema on first start), or postgres://... for PostgreSQL with PostGIS (several instances can share it)")
	if err := fl.Parse(args); err != nil {
		return nil, err
	}
	if fl.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q", fl.Arg(0))
	}
	if o.logFormat != "json" && o.logFormat != "text" {
		return nil, fmt.Errorf("--log-format: want json or text, got %q", o.logFormat)
	}
	return o, nil
}

func run(args []string, stderr io.Writer) error {
	start := time.Now()
	o, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	hopts := &slog.HandlerOptions{Level: o.logLevel}
	var log *slog.Logger
	if o.logFormat == "text" {
		log = slog.New(slog.NewTextHandler(stderr, hopts))
	} else {
		log = slog.New(slog.NewJSONHandler(stderr, hopts))
	}
	cities, err := loadCities(o.maps, log)
	if err != nil {
		return err
	}
	st, err := openStore(o.store)
	if err != nil {
		return err
	}
	defer st.Close()
	srv, err := server.New(server.Config{Cities: cities, Logger: log, LogRequests: o.accessLog, Store: st})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return err
	}
	if err := firstAdmin(st, ln.Addr(), log); err != nil {
		return err
	}
	hs := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	go srv.Watch(ctx, 2*time.Second) // edits made through other instances sharing the store
	log.Info("ready", "addr", ln.Addr().String(), "cities", len(cities), "startup", time.Since(start))

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	srv.Drain()
	sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}

// openStore opens the store named by --store, waiting at most 30 s for a database.
func openStore(where string) (store.Store, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s, err := store.Open(ctx, where)
	if err != nil {
		return nil, fmt.Errorf("--store: %w", err)
	}
	return s, nil
}

// firstAdmin creates the admin user on the first start (a store without users) and logs
// its token, shown only this once, with a link that signs the browser in.
func firstAdmin(st store.Store, addr net.Addr, log *slog.Logger) error {
	ctx := context.Background()
	users, err := st.Users(ctx)
	if err != nil || len(users) > 0 {
		return err
	}
	_, token, err := st.AddUser(ctx, "chotd", "admin", store.RoleAdmin)
	if err != nil {
		return err
	}
	host := addr.String()
	if tcp, ok := addr.(*net.TCPAddr); ok && tcp.IP.IsUnspecified() {
		host = net.JoinHostPort("localhost", strconv.Itoa(tcp.Port))
	}
	log.Warn("admin token", "user", "admin", "token", token, "login", "http://"+host+"/#token="+token,
		"note", "shown only this once; chot user add --role planner NAME makes more")
	return nil
}

// loadCities loads the embedded cities and, when dir is set, the cities in it; a city in dir
// replaces an embedded city of the same id.
func loadCities(dir string, log *slog.Logger) ([]*geo.City, error) {
	cities, err := data.Embedded()
	if err != nil {
		return nil, err
	}
	if dir == "" {
		return cities, nil
	}
	extra, err := data.LoadDir(dir)
	if err != nil {
		return nil, err
	}
	cities, replaced := data.Merge(cities, extra)
	for _, id := range replaced {
		log.Warn("a city in --maps replaces the embedded one", "city", id, "maps", dir)
	}
	return cities, nil
}
