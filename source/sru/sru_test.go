package sru

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	cases := []struct {
		name        string
		body        string
		records     int
		total, next int
		err         string
	}{
		{"a page", `<sru:searchRetrieveResponse xmlns:sru="http://docs.oasis-open.org/ns/search-ws/sruResponse"><sru:numberOfRecords>3</sru:numberOfRecords>
			<sru:records><sru:record><sru:recordData><gzd:gzd xmlns:gzd="http://standaarden.overheid.nl/sru"><gzd:originalData>
			<dcterms:identifier xmlns:dcterms="http://purl.org/dc/terms/">kst-28638-224</dcterms:identifier>
			<w:ondernummer xmlns:w="http://standaarden.overheid.nl/wetgeving/">224</w:ondernummer></gzd:originalData>
			<gzd:enrichedData><gzd:itemUrl manifestation="pdf">p</gzd:itemUrl><gzd:itemUrl manifestation="xml">x</gzd:itemUrl></gzd:enrichedData></gzd:gzd>
			</sru:recordData><sru:recordPosition>1</sru:recordPosition></sru:record></sru:records><sru:nextRecordPosition>2</sru:nextRecordPosition></sru:searchRetrieveResponse>`,
			1, 3, 2, ""},
		{"a diagnostic", `<searchRetrieveResponse><numberOfRecords>0</numberOfRecords><diagnostics><diagnostic><uri>info:srw/diagnostic/1/10</uri>
			<message>Query syntax error</message></diagnostic></diagnostics></searchRetrieveResponse>`, 0, 0, 0, "the service says: Query syntax error"},
		{"not SRU", `<html><body>maintenance</body></html>`, 0, 0, 0, "not an SRU searchRetrieveResponse"},
		{"not XML", `{"error": true}`, 0, 0, 0, "not an SRU"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			recs, total, next, err := parse([]byte(c.body))
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("err = %v, want %q", err, c.err)
				}
				return
			}
			if err != nil || len(recs) != c.records || total != c.total || next != c.next {
				t.Fatalf("%d records, total %d, next %d, err %v", len(recs), total, next, err)
			}
			if r := recs[0]; r.Identifier != "kst-28638-224" || r.Number != 224 || r.XMLURL != "x" {
				t.Errorf("record = %+v", r)
			}
		})
	}
}
