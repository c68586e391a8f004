package polite

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestRetryAfter(t *testing.T) {
	now := time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		header string
		want   time.Duration
		ok     bool
	}{
		{"", 0, false},
		{"0", 0, true},
		{"120", 2 * time.Minute, true},
		{"Sat, 01 Jun 2024 12:00:30 GMT", 30 * time.Second, true},
		{"Sat, 01 Jun 2024 11:00:00 GMT", 0, true}, // in the past: now
		{"-5", 0, false},
		{"soon", 0, false},
	}
	for _, c := range cases {
		got, ok := retryAfter(c.header, now)
		if got != c.want || ok != c.ok {
			t.Errorf("retryAfter(%q) = %v, %v; want %v, %v", c.header, got, ok, c.want, c.ok)
		}
	}
}

// testClient records its waits instead of waiting.
func testClient(inFlight int) (*Client, *[]time.Duration) {
	c := New(inFlight)
	var mu sync.Mutex
	waits := &[]time.Duration{}
	c.Sleep = func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		*waits = append(*waits, d)
		mu.Unlock()
		return ctx.Err()
	}
	return c, waits
}

func TestRetriesAndGivingUp(t *testing.T) {
	cases := []struct {
		name     string
		statuses []int // answered in turn, then 200
		header   string
		wantErr  string
		requests int
	}{
		{"429 then success, Retry-After honoured", []int{429}, "7", "", 2},
		{"503 twice then success", []int{503, 503}, "", "", 3},
		{"404 is not retried", []int{404}, "", "HTTP 404", 1},
		{"always 500: gives up", []int{500, 500, 500, 500, 500, 500, 500}, "", "gave up after 6 attempts", 6},
		{"Retry-After of an hour: an error, not a hang", []int{429}, "3600", "the server asks to wait 1h0m0s", 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var n atomic.Int64
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if !strings.HasPrefix(r.UserAgent(), "beleidsgraaf-sync/") {
					t.Errorf("User-Agent %q", r.UserAgent())
				}
				i := int(n.Add(1)) - 1
				if i < len(c.statuses) {
					if c.header != "" {
						w.Header().Set("Retry-After", c.header)
					}
					w.WriteHeader(c.statuses[i])
					return
				}
				w.Write([]byte("ok"))
			}))
			defer srv.Close()
			cl, waits := testClient(2)
			resp, err := cl.Get(context.Background(), srv.URL, "", 1<<20)
			if c.wantErr == "" && (err != nil || string(resp.Body) != "ok") {
				t.Fatalf("err = %v", err)
			}
			if c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)) {
				t.Fatalf("err = %v, want %q", err, c.wantErr)
			}
			if int(n.Load()) != c.requests {
				t.Errorf("%d requests, want %d", n.Load(), c.requests)
			}
			if c.header == "7" && ((*waits)[0] != 7*time.Second) {
				t.Errorf("waits = %v, want 7s first (Retry-After)", *waits)
			}
			for _, w := range *waits {
				if w > cl.MaxDelay && w != 7*time.Second {
					t.Errorf("backoff %v beyond MaxDelay", w)
				}
			}
		})
	}
}

func TestWithContact(t *testing.T) {
	if got := WithContact(""); got != UserAgent {
		t.Errorf("no contact: %q", got)
	}
	if got, want := WithContact("data@example.org"), "beleidsgraaf-sync/1.0 (dossier sync of a knowledge graph of parliamentary documents; contact: data@example.org)"; got != want {
		t.Errorf("WithContact = %q, want %q", got, want)
	}
}

func TestBoundedInFlight(t *testing.T) {
	var cur, peak atomic.Int64
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		now := cur.Add(1)
		for {
			p := peak.Load()
			if now <= p || peak.CompareAndSwap(p, now) {
				break
			}
		}
		<-release
		cur.Add(-1)
		w.Write([]byte("ok"))
	}))
	defer srv.Close()
	cl, _ := testClient(3)
	var wg sync.WaitGroup
	for i := range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := cl.Get(context.Background(), srv.URL+"/"+strconv.Itoa(i), "", 100); err != nil {
				t.Error(err)
			}
		}()
	}
	// let all 10 try; then release them one by one
	for range 10 {
		for cur.Load() == 0 {
			time.Sleep(time.Millisecond)
		}
		release <- struct{}{}
	}
	wg.Wait()
	if peak.Load() > 3 {
		t.Errorf("%d requests in flight at once, the bound is 3", peak.Load())
	}
}

func TestCutBodyIsRetriedAndTooLargeIsNot(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/big" {
			w.Write(make([]byte, 2000))
			return
		}
		if n.Add(1) == 1 { // promise 100 bytes, send 10 and hang up
			w.Header().Set("Content-Length", "100")
			w.Write([]byte("0123456789"))
			return
		}
		w.Write([]byte("whole"))
	}))
	defer srv.Close()
	cl, _ := testClient(1)
	resp, err := cl.Get(context.Background(), srv.URL, "", 1000)
	if err != nil || string(resp.Body) != "whole" {
		t.Fatalf("cut body: %v", err)
	}
	if _, err := cl.Get(context.Background(), srv.URL+"/big", "", 1000); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("too large: %v", err)
	}
}
