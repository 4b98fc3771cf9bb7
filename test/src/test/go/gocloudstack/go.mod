module s2svpn.test/gocloudstack

go 1.19

require github.com/xanzy/go-cloudstack/v2 v2.9.0

// Debian's golang-github-xanzy-go-cloudstack-dev: the build is offline (GOPROXY=off), no go.sum is needed for a directory.
replace github.com/xanzy/go-cloudstack/v2 => /usr/share/gocode/src/github.com/xanzy/go-cloudstack
