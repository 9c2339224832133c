// Asks Go's crypto/x509 for its verdict on each case, the way crypto/tls does for a client:
// Verify with the case's anchors as Roots, the presented certificates after the leaf as
// Intermediates, the host as DNSName (an IP literal is matched against IP SANs), the validation
// time and the key usage asked for. Standard library only; one JSON object per line in, one out.
package main

import (
	"bufio"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"
)

type request struct {
	ID        string   `json:"id"`
	Anchors   [][]byte `json:"anchors"`
	Presented [][]byte `json:"presented"`
	Host      string   `json:"host"`
	HostKind  string   `json:"hostKind"`
	Time      string   `json:"time"`
	Purpose   string   `json:"purpose"`
}

type verdict struct {
	ID       string `json:"id"`
	Accepted bool   `json:"accepted"`
	Reason   string `json:"reason"`
	Raw      string `json:"raw"`
}

func main() {
	input := bufio.NewScanner(os.Stdin)
	input.Buffer(make([]byte, 1<<20), 64<<20)
	output := json.NewEncoder(os.Stdout)
	for input.Scan() {
		var req request
		if err := json.Unmarshal(input.Bytes(), &req); err != nil {
			fmt.Fprintln(os.Stderr, "bad request line:", err)
			os.Exit(2)
		}
		if err := output.Encode(check(req)); err != nil {
			os.Exit(3)
		}
	}
	if err := input.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "reading requests:", err)
		os.Exit(2)
	}
}

func check(req request) verdict {
	out := verdict{ID: req.ID}
	roots := x509.NewCertPool()
	skipped := 0
	for _, der := range req.Anchors {
		// Like AppendCertsFromPEM on a CA bundle: an anchor Go can't parse is left out.
		anchor, err := x509.ParseCertificate(der)
		if err != nil {
			skipped++
			continue
		}
		roots.AddCert(anchor)
	}
	if skipped > 0 {
		out.Raw = fmt.Sprintf("%d anchor(s) did not parse and were left out; ", skipped)
	}
	// crypto/tls fails the handshake when any certificate the server sent doesn't parse.
	presented := make([]*x509.Certificate, 0, len(req.Presented))
	for index, der := range req.Presented {
		certificate, err := x509.ParseCertificate(der)
		if err != nil {
			out.Reason = fmt.Sprintf("tls: failed to parse certificate from server: %v", err)
			out.Raw += fmt.Sprintf("presented[%d]: %v", index, err)
			return out
		}
		presented = append(presented, certificate)
	}
	if len(presented) == 0 {
		out.Reason = "no certificate presented"
		return out
	}
	intermediates := x509.NewCertPool()
	for _, certificate := range presented[1:] {
		intermediates.AddCert(certificate)
	}
	opts := x509.VerifyOptions{
		Roots:         roots,
		Intermediates: intermediates,
		KeyUsages:     []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	if req.Purpose == "clientAuth" {
		opts.KeyUsages = []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}
	}
	// Go has no e-mail name check in Verify; DNS names and IP literals go in DNSName.
	if req.HostKind == "dns" || req.HostKind == "ip" {
		opts.DNSName = req.Host
	}
	if req.Time != "" {
		at, err := time.Parse(time.RFC3339, req.Time)
		if err != nil {
			out.Reason = "bad time: " + err.Error()
			return out
		}
		opts.CurrentTime = at
	}
	chains, err := presented[0].Verify(opts)
	if err != nil {
		out.Reason = describe(err)
		out.Raw += err.Error()
		return out
	}
	out.Accepted = true
	out.Reason = "ok"
	out.Raw += fmt.Sprintf("%d chain(s); first has %d certificate(s)", len(chains), len(chains[0]))
	return out
}

// describe names the error's type and code, then Go's own message.
func describe(err error) string {
	var invalid x509.CertificateInvalidError
	var unknown x509.UnknownAuthorityError
	var hostname x509.HostnameError
	var constraint x509.ConstraintViolationError
	var insecure x509.InsecureAlgorithmError
	var unhandled x509.UnhandledCriticalExtension
	switch {
	case errors.As(err, &invalid):
		return fmt.Sprintf("x509.CertificateInvalidError(%s): %v", invalidReason(invalid.Reason), err)
	case errors.As(err, &unknown):
		return "x509.UnknownAuthorityError: " + err.Error()
	case errors.As(err, &hostname):
		return "x509.HostnameError: " + err.Error()
	case errors.As(err, &constraint):
		return "x509.ConstraintViolationError: " + err.Error()
	case errors.As(err, &insecure):
		return "x509.InsecureAlgorithmError: " + err.Error()
	case errors.As(err, &unhandled):
		return "x509.UnhandledCriticalExtension: " + err.Error()
	}
	return fmt.Sprintf("%T: %v", err, err)
}

func invalidReason(reason x509.InvalidReason) string {
	names := map[x509.InvalidReason]string{
		x509.NotAuthorizedToSign:           "NotAuthorizedToSign",
		x509.Expired:                       "Expired",
		x509.CANotAuthorizedForThisName:    "CANotAuthorizedForThisName",
		x509.TooManyIntermediates:          "TooManyIntermediates",
		x509.IncompatibleUsage:             "IncompatibleUsage",
		x509.NameMismatch:                  "NameMismatch",
		x509.NameConstraintsWithoutSANs:    "NameConstraintsWithoutSANs",
		x509.UnconstrainedName:             "UnconstrainedName",
		x509.TooManyConstraints:            "TooManyConstraints",
		x509.CANotAuthorizedForExtKeyUsage: "CANotAuthorizedForExtKeyUsage",
	}
	if name, ok := names[reason]; ok {
		return name
	}
	return fmt.Sprintf("reason %d", int(reason))
}
