package loader

import (
	"fmt"
	"math/bits"
	"slices"
	"strings"
	"unicode"

	"github.com/coregx/ahocorasick"

	"beleidsgraaf/kg"
)

// A recogniser reads one sentence and says what it states, as facts. It sees the sentence,
// its document (read-only) and the frozen corpus-wide indexes; it writes nothing but its
// facts, so recognisers have no order between them and documents are recognised in
// parallel.
type sentenceRecogniser struct {
	name string
	// triggers are words (ASCII, lower case) of which a sentence holds at least one if the
	// recogniser can find anything in it. One case-insensitive scan per sentence finds them
	// all; nil means every sentence.
	triggers []string
	// caseSensitive says why the pattern looks at case despite its triggers (a capitalised
	// name is the signal); "" for patterns that read every case alike.
	caseSensitive string
	recognise     func(v *sentenceView, out *facts)
}

// sentenceRecognisers run on every sentence whose triggers occur. Their order is the order
// of their facts in a document, and so decides which first value wins: keep it stable.
var sentenceRecognisers = []*sentenceRecogniser{
	&citationRecogniser,
	&organisationRecogniser,
	&articleRecogniser,
	&namedLawRecogniser,
	&actielijnRecogniser,
	&quotedReportRecogniser,
	&namedReportRecogniser,
	&holderRecogniser,
	&roleRecogniser,
	&memberRecogniser,
	&partOfRecogniser,
	&motionRecogniser,
	&commitmentRecogniser,
	&eventRecogniser,
	&officeRecogniser,
	&onBehalfRecogniser,
	&memberMentionRecogniser,
	&planRecogniser,
}

// sentenceView is what a sentence recogniser sees.
type sentenceView struct {
	d    *docCtx
	s    Sentence
	text string
	orgs *orgIndex // frozen
	// planMentioned: the document speaks of the action plan, so the actielijnen it names
	// are the plan's
	planMentioned bool

	hits     []orgHit
	hitsDone bool
	lower    string            // the sentence in lower case, once asked for
	folded   map[string]string // words of the document folded so far
}

// organisations returns the organisations named in the sentence, offsets relative to its
// start; found once per sentence, as every recogniser of organisations wants them.
func (v *sentenceView) organisations() []orgHit {
	if !v.hitsDone {
		v.hits, v.hitsDone = v.orgs.find(v.text, 0, v.folded), true
	}
	return v.hits
}

// lowerText is the sentence in lower case, for the literal tests that spare a
// case-insensitive pattern without a literal prefix from running at every position.
func (v *sentenceView) lowerText() string {
	if v.lower == "" {
		v.lower = strings.ToLower(v.text)
	}
	return v.lower
}

// ev is the evidence of the whole sentence.
func (v *sentenceView) ev() kg.Evidence { return v.d.sentEv(v.s) }

// dispatcher decides, from one scan of a sentence, which recognisers run on it.
type dispatcher struct {
	ac     *ahocorasick.Automaton
	owners [][]int // pattern → recognisers that declared it
	always []int   // recognisers without triggers
}

func newDispatcher(rs []*sentenceRecogniser) (*dispatcher, error) {
	if len(rs) > 64 {
		return nil, fmt.Errorf("%d recognisers: the dispatcher's sets hold 64", len(rs))
	}
	ds := &dispatcher{}
	index := map[string]int{}
	var patterns []string
	for i, r := range rs {
		if r.triggers == nil {
			ds.always = append(ds.always, i)
			continue
		}
		for _, t := range r.triggers {
			if err := checkTrigger(t); err != nil {
				return nil, fmt.Errorf("recogniser %s: %w", r.name, err)
			}
			p, ok := index[t]
			if !ok {
				p = len(patterns)
				index[t] = p
				patterns = append(patterns, t)
				ds.owners = append(ds.owners, nil)
			}
			ds.owners[p] = append(ds.owners[p], i)
		}
	}
	ac, err := ahocorasick.NewBuilder().AddStrings(patterns).Build()
	if err != nil {
		return nil, err
	}
	ds.ac = ac
	return ds, nil
}

// checkTrigger holds triggers to what a byte-wise ASCII case fold can find.
func checkTrigger(t string) error {
	if t == "" {
		return fmt.Errorf("empty trigger")
	}
	for _, r := range t {
		if r > unicode.MaxASCII && unicode.IsLetter(r) {
			return fmt.Errorf("trigger %q: letters must be ASCII, the scan folds ASCII case only", t)
		}
		if unicode.IsUpper(r) {
			return fmt.Errorf("trigger %q: write it in lower case", t)
		}
	}
	return nil
}

// active returns the set of recognisers to run on a sentence, given the sentence folded
// to ASCII lower case.
func (ds *dispatcher) active(folded []byte) uint64 {
	var set uint64
	for _, i := range ds.always {
		set |= 1 << i
	}
	for _, m := range ds.ac.FindAllOverlapping(folded) {
		for _, i := range ds.owners[m.PatternID] {
			set |= 1 << i
		}
	}
	return set
}

// recogniserBit is r's bit in the sets the dispatcher returns; 0 when r is not registered.
func recogniserBit(r *sentenceRecogniser) uint64 {
	for i, x := range sentenceRecognisers {
		if x == r {
			return 1 << i
		}
	}
	return 0
}

var sentenceDispatch = func() *dispatcher {
	ds, err := newDispatcher(sentenceRecognisers)
	if err != nil {
		panic(err) // a declaration error, caught by every test
	}
	return ds
}()

// foldASCII lower-cases ASCII letters and leaves every other byte, so offsets stay put.
func foldASCII(dst []byte, s string) []byte {
	dst = slices.Grow(dst[:0], len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// recogniseDocument runs every recogniser on a document and returns its facts. It reads
// only the document and the frozen index, so documents are recognised in parallel.
func recogniseDocument(d *docCtx, orgs *orgIndex) *facts {
	d.index()
	defer d.release()
	out := &facts{}
	letterhead(d, orgs, out)
	kamerstukFacts(d, out)
	statedFacts(d, out)
	sets := make([]uint64, len(d.sents))
	var folded []byte
	for i, s := range d.sents {
		folded = foldASCII(folded, d.str(s))
		sets[i] = sentenceDispatch.active(folded)
	}
	plan := planMentioned(d, sets)
	words := map[string]string{}
	for i, s := range d.sents {
		v := &sentenceView{d: d, s: s, text: d.str(s), orgs: orgs, planMentioned: plan, folded: words}
		for set := sets[i]; set != 0; set &= set - 1 {
			sentenceRecognisers[bits.TrailingZeros64(set)].recognise(v, out)
		}
	}
	tables(d, plan, out)
	return out
}
