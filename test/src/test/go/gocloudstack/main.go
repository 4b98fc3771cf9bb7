// Command gocloudstack drives an s2svpn management server with go-cloudstack 2.9.0, the library under Terraform's
// CloudStack provider, the way Terraform does: NewAsyncClient, the site-to-site VPN use case for a VPC from start to
// end, and the error paths Terraform relies on (an unknown id is "gone" with count 0, API errors carry their code).
//
// Every answer is decoded into the library's own structs: a JSON type the library does not expect fails the step (Go's
// decoder stops at a mismatch), and list answers are decoded whole. A field the library would silently read as its
// zero value when missing is also checked for presence in the raw JSON. One line per step; at the first failure it
// prints the HTTP exchanges that led to it and exits 1. The last line of a full pass is "ok".
//
// Environment (the names Terraform's provider reads): CLOUDSTACK_API_URL (http://host:port/client/api),
// CLOUDSTACK_API_KEY and CLOUDSTACK_SECRET_KEY. The first argument, if any, overrides the URL. GOCS_TRACE=1 prints
// every HTTP exchange as it happens.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/xanzy/go-cloudstack/v2/cloudstack"
)

// Values with a space and + / = , ; * ~ in them: each one is signed, sent and echoed back.
const (
	customerName    = "go branch + / = , ; * ~ office"
	customerPsk     = "s3cr*t~ a+b/c=d,e;f go"
	updatedName     = "go branch 2 + / = , ; * ~"
	updatedPsk      = "n3w*k~y +/=,; second"
	vpcCidr         = "10.42.0.0/16"
	tierGateway     = "10.42.1.1"
	customerAddress = "198.51.100.42"
)

var created = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{4}$`)

func main() {
	endpoint := os.Getenv("CLOUDSTACK_API_URL")
	if len(os.Args) > 1 {
		endpoint = os.Args[1]
	}
	key, secret := os.Getenv("CLOUDSTACK_API_KEY"), os.Getenv("CLOUDSTACK_SECRET_KEY")
	if endpoint == "" || key == "" || secret == "" {
		fmt.Println("FAIL setup: CLOUDSTACK_API_URL, CLOUDSTACK_API_KEY and CLOUDSTACK_SECRET_KEY must be set")
		os.Exit(2)
	}
	traced, err := startRecorder(endpoint)
	if err != nil {
		fmt.Println("FAIL setup: " + err.Error())
		os.Exit(2)
	}
	cs := cloudstack.NewAsyncClient(traced, key, secret, false)
	cs.AsyncTimeout(60)
	run(cs, cloudstack.NewAsyncClient(traced, key, secret+"x", false))
	fmt.Println("ok")
}

func run(cs *cloudstack.CloudStackClient, wrongSecret *cloudstack.CloudStackClient) {
	var zone *cloudstack.Zone
	step("listZones", func() string {
		l, err := cs.Zone.ListZones(cs.Zone.NewListZonesParams())
		must(err)
		check(l.Count >= 1 && l.Count == len(l.Zones), "count %d with %d zones", l.Count, len(l.Zones))
		zone = l.Zones[0]
		isID("zone id", zone.Id)
		check(zone.Name != "", "zone without a name")
		eq("networktype", zone.Networktype, "Advanced")
		present(rawList("listZones", "zone"), "id", "name", "networktype", "allocationstate")
		return fmt.Sprintf("%d zone(s), %q %s", l.Count, zone.Name, zone.Id)
	})

	var offering *cloudstack.VPCOffering
	step("listVPCOfferings", func() string {
		l, err := cs.VPC.ListVPCOfferings(cs.VPC.NewListVPCOfferingsParams())
		must(err)
		check(l.Count >= 1 && l.Count == len(l.VPCOfferings), "count %d with %d offerings", l.Count, len(l.VPCOfferings))
		offering = l.VPCOfferings[0]
		for _, o := range l.VPCOfferings {
			if o.Isdefault {
				offering = o
				break
			}
		}
		isID("offering id", offering.Id)
		eq("state", offering.State, "Enabled")
		present(rawList("listVPCOfferings", "vpcoffering"), "id", "name", "displaytext", "isdefault", "state")
		return fmt.Sprintf("%d offering(s), using %q %s", l.Count, offering.Name, offering.Id)
	})

	var tierOffering *cloudstack.NetworkOffering
	step("listNetworkOfferings", func() string {
		p := cs.NetworkOffering.NewListNetworkOfferingsParams()
		p.SetForvpc(true)
		l, err := cs.NetworkOffering.ListNetworkOfferings(p)
		must(err)
		check(l.Count >= 1 && l.Count == len(l.NetworkOfferings), "count %d with %d offerings", l.Count, len(l.NetworkOfferings))
		for _, o := range l.NetworkOfferings {
			check(o.Forvpc, "forvpc=true listed offering %q with forvpc false", o.Name)
		}
		tierOffering = l.NetworkOfferings[0]
		isID("network offering id", tierOffering.Id)
		return fmt.Sprintf("%d VPC tier offering(s), using %q", l.Count, tierOffering.Name)
	})

	var vpc *cloudstack.CreateVPCResponse
	step("createVPC", func() string {
		p := cs.VPC.NewCreateVPCParams(vpcCidr, "VPC of go-cloudstack", "go-vpc", offering.Id, zone.Id)
		r, err := cs.VPC.CreateVPC(p)
		must(err)
		vpc = r
		isID("vpc id", r.Id)
		isID("jobid", r.JobID)
		eq("name", r.Name, "go-vpc")
		eq("displaytext", r.Displaytext, "VPC of go-cloudstack")
		eq("cidr", r.Cidr, vpcCidr)
		eq("zoneid", r.Zoneid, zone.Id)
		eq("zonename", r.Zonename, zone.Name)
		eq("vpcofferingid", r.Vpcofferingid, offering.Id)
		eq("state", r.State, "Enabled")
		eq("account", r.Account, "admin")
		isDate("created", r.Created)
		present(rawJob("vpc"), "id", "name", "displaytext", "cidr", "zoneid", "zonename", "vpcofferingid", "state", "account",
			"domainid", "domain", "created")
		return r.Id
	})

	step("listVPCs", func() string {
		all, err := cs.VPC.ListVPCs(cs.VPC.NewListVPCsParams())
		must(err)
		check(all.Count >= 1 && all.Count == len(all.VPCs), "count %d with %d VPCs", all.Count, len(all.VPCs))
		p := cs.VPC.NewListVPCsParams()
		p.SetId(vpc.Id)
		one, err := cs.VPC.ListVPCs(p)
		must(err)
		eq("count", one.Count, 1)
		eq("vpcs", len(one.VPCs), 1)
		sameVpc(one.VPCs[0], vpc)
		return fmt.Sprintf("%d VPC(s); by id: %q", all.Count, one.VPCs[0].Name)
	})

	step("GetVPCByID", func() string {
		v, count, err := cs.VPC.GetVPCByID(vpc.Id)
		must(err)
		eq("count", count, 1)
		sameVpc(v, vpc)
		return v.Id
	})

	var tier *cloudstack.CreateNetworkResponse
	step("createNetwork (tier)", func() string {
		p := cs.Network.NewCreateNetworkParams("go tier", "go-tier", tierOffering.Id, zone.Id)
		p.SetVpcid(vpc.Id)
		p.SetGateway(tierGateway)
		p.SetNetmask("255.255.255.0")
		r, err := cs.Network.CreateNetwork(p)
		must(err)
		tier = r
		isID("network id", r.Id)
		eq("name", r.Name, "go-tier")
		eq("vpcid", r.Vpcid, vpc.Id)
		eq("zoneid", r.Zoneid, zone.Id)
		eq("networkofferingid", r.Networkofferingid, tierOffering.Id)
		eq("gateway", r.Gateway, tierGateway)
		eq("netmask", r.Netmask, "255.255.255.0")
		eq("cidr", r.Cidr, "10.42.1.0/24")
		present(rawResult("createNetwork", "network"), "id", "name", "vpcid", "zoneid", "networkofferingid", "gateway", "netmask",
			"cidr", "state", "account")
		return r.Id
	})

	var customer *cloudstack.CreateVpnCustomerGatewayResponse
	step("createVpnCustomerGateway", func() string {
		p := cs.VPN.NewCreateVpnCustomerGatewayParams("192.168.42.0/24,192.168.43.0/24", "aes256-sha256;modp2048", customerAddress,
			"aes256-sha256;modp2048", customerPsk)
		p.SetName(customerName)
		p.SetIkelifetime(86400)
		p.SetEsplifetime(3600)
		p.SetDpd(true)
		p.SetForceencap(true)
		r, err := cs.VPN.CreateVpnCustomerGateway(p)
		must(err)
		customer = r
		isID("customer gateway id", r.Id)
		isID("jobid", r.JobID)
		eq("name", r.Name, customerName)
		eq("ipsecpsk", r.Ipsecpsk, customerPsk)
		eq("gateway", r.Gateway, customerAddress)
		eq("cidrlist", r.Cidrlist, "192.168.42.0/24,192.168.43.0/24")
		eq("ikepolicy", r.Ikepolicy, "aes256-sha256;modp2048")
		eq("esppolicy", r.Esppolicy, "aes256-sha256;modp2048")
		eq("ikelifetime", r.Ikelifetime, int64(86400))
		eq("esplifetime", r.Esplifetime, int64(3600))
		eq("dpd", r.Dpd, true)
		eq("forceencap", r.Forceencap, true)
		eq("account", r.Account, "admin")
		present(rawJob("vpncustomergateway"), customerFields...)
		return fmt.Sprintf("%s %q", r.Id, r.Name)
	})

	step("updateVpnCustomerGateway", func() string {
		p := cs.VPN.NewUpdateVpnCustomerGatewayParams("192.168.44.0/24", "aes128-sha1;modp1536", customerAddress, customer.Id,
			"aes128-sha1;modp1536", updatedPsk)
		p.SetName(updatedName)
		p.SetIkelifetime(28800)
		p.SetEsplifetime(1800)
		p.SetDpd(false)
		p.SetForceencap(false)
		r, err := cs.VPN.UpdateVpnCustomerGateway(p)
		must(err)
		eq("id", r.Id, customer.Id)
		eq("name", r.Name, updatedName)
		eq("ipsecpsk", r.Ipsecpsk, updatedPsk)
		eq("cidrlist", r.Cidrlist, "192.168.44.0/24")
		eq("ikepolicy", r.Ikepolicy, "aes128-sha1;modp1536")
		eq("esppolicy", r.Esppolicy, "aes128-sha1;modp1536")
		eq("ikelifetime", r.Ikelifetime, int64(28800))
		eq("esplifetime", r.Esplifetime, int64(1800))
		eq("dpd", r.Dpd, false)
		eq("forceencap", r.Forceencap, false)
		present(rawJob("vpncustomergateway"), customerFields...)
		g, count, err := cs.VPN.GetVpnCustomerGatewayByID(customer.Id)
		must(err)
		eq("count", count, 1)
		eq("listed name", g.Name, updatedName)
		eq("listed ipsecpsk", g.Ipsecpsk, updatedPsk)
		eq("listed ikelifetime", g.Ikelifetime, int64(28800))
		present(rawList("listVpnCustomerGateways", "vpncustomergateway"), customerFields...)
		all, err := cs.VPN.ListVpnCustomerGateways(cs.VPN.NewListVpnCustomerGatewaysParams())
		must(err)
		check(all.Count >= 1 && all.Count == len(all.VpnCustomerGateways), "count %d with %d gateways", all.Count, len(all.VpnCustomerGateways))
		return fmt.Sprintf("%q, %d customer gateway(s) listed", r.Name, all.Count)
	})

	var vpnGateway *cloudstack.CreateVpnGatewayResponse
	step("createVpnGateway", func() string {
		r, err := cs.VPN.CreateVpnGateway(cs.VPN.NewCreateVpnGatewayParams(vpc.Id))
		must(err)
		vpnGateway = r
		isID("vpn gateway id", r.Id)
		eq("vpcid", r.Vpcid, vpc.Id)
		isIPv4("publicip", r.Publicip)
		eq("fordisplay", r.Fordisplay, true)
		eq("account", r.Account, "admin")
		present(rawJob("vpngateway"), gatewayFields...)
		g, count, err := cs.VPN.GetVpnGatewayByID(r.Id)
		must(err)
		eq("count", count, 1)
		eq("listed publicip", g.Publicip, r.Publicip)
		present(rawList("listVpnGateways", "vpngateway"), gatewayFields...)
		return fmt.Sprintf("%s on %s", r.Id, r.Publicip)
	})

	var connection *cloudstack.CreateVpnConnectionResponse
	step("createVpnConnection", func() string {
		r, err := cs.VPN.CreateVpnConnection(cs.VPN.NewCreateVpnConnectionParams(customer.Id, vpnGateway.Id))
		must(err)
		connection = r
		isID("connection id", r.Id)
		eq("s2svpngatewayid", r.S2svpngatewayid, vpnGateway.Id)
		eq("s2scustomergatewayid", r.S2scustomergatewayid, customer.Id)
		eq("publicip", r.Publicip, vpnGateway.Publicip)
		eq("gateway", r.Gateway, customerAddress)
		eq("cidrlist", r.Cidrlist, "192.168.44.0/24")
		eq("ipsecpsk", r.Ipsecpsk, updatedPsk)
		eq("ikepolicy", r.Ikepolicy, "aes128-sha1;modp1536")
		eq("ikelifetime", r.Ikelifetime, int64(28800))
		eq("esplifetime", r.Esplifetime, int64(1800))
		eq("passive", r.Passive, false)
		eq("fordisplay", r.Fordisplay, true)
		check(r.State == "Pending" || r.State == "Connecting" || r.State == "Connected", "state %q", r.State)
		isDate("created", r.Created)
		present(rawJob("vpnconnection"), connectionFields...)
		return fmt.Sprintf("%s %s", r.Id, r.State)
	})

	step("listVpnConnections", func() string {
		all, err := cs.VPN.ListVpnConnections(cs.VPN.NewListVpnConnectionsParams())
		must(err)
		check(all.Count >= 1 && all.Count == len(all.VpnConnections), "count %d with %d connections", all.Count, len(all.VpnConnections))
		p := cs.VPN.NewListVpnConnectionsParams()
		p.SetVpcid(vpc.Id)
		l, err := cs.VPN.ListVpnConnections(p)
		must(err)
		eq("count", l.Count, 1)
		eq("connections", len(l.VpnConnections), 1)
		eq("id", l.VpnConnections[0].Id, connection.Id)
		eq("s2scustomergatewayid", l.VpnConnections[0].S2scustomergatewayid, customer.Id)
		present(rawList("listVpnConnections", "vpnconnection"), connectionFields...)
		return fmt.Sprintf("%d connection(s), 1 in the VPC", all.Count)
	})

	step("GetVpnConnectionByID until Connected", func() string {
		return awaitConnected(cs, connection.Id)
	})

	step("resetVpnConnection", func() string {
		r, err := cs.VPN.ResetVpnConnection(cs.VPN.NewResetVpnConnectionParams(connection.Id))
		must(err)
		eq("id", r.Id, connection.Id)
		eq("s2svpngatewayid", r.S2svpngatewayid, vpnGateway.Id)
		present(rawJob("vpnconnection"), connectionFields...)
		return r.State + ", then " + awaitConnected(cs, connection.Id)
	})

	step("GetVpnConnectionByID unknown id", func() string {
		unknown := "6f0c1f4e-0d7e-4c3e-9b1a-000000000000"
		c, count, err := cs.VPN.GetVpnConnectionByID(unknown)
		check(err != nil, "no error, got %+v", c)
		check(strings.Contains(err.Error(), "No match found for "+unknown), "error %q", err)
		eq("count", count, 0)
		return err.Error()
	})

	step("431 on a bad cidrlist", func() string {
		p := cs.VPN.NewCreateVpnCustomerGatewayParams("192.168.50.0/33", "aes128-sha1", "198.51.100.43", "aes128-sha1;modp1536",
			"long-enough-key")
		p.SetName("go bad cidr")
		r, err := cs.VPN.CreateVpnCustomerGateway(p)
		check(err != nil, "no error, got %+v", r)
		check(strings.HasPrefix(err.Error(), "CloudStack API error 431 (CSExceptionErrorCode: "), "error %q", err)
		check(strings.Contains(err.Error(), "cidrlist"), "error does not name cidrlist: %q", err)
		return err.Error()
	})

	step("401 with a wrong secret", func() string {
		l, err := wrongSecret.Zone.ListZones(wrongSecret.Zone.NewListZonesParams())
		check(err != nil, "no error, got %+v", l)
		check(strings.HasPrefix(err.Error(), "CloudStack API error 401 (CSExceptionErrorCode: "), "error %q", err)
		return err.Error()
	})

	step("deleteVpnConnection", func() string {
		r, err := cs.VPN.DeleteVpnConnection(cs.VPN.NewDeleteVpnConnectionParams(connection.Id))
		must(err)
		eq("success", r.Success, true)
		_, count, err := cs.VPN.GetVpnConnectionByID(connection.Id)
		check(err != nil && count == 0, "still found after delete: count %d, %v", count, err)
		return "gone"
	})

	step("deleteVpnGateway", func() string {
		r, err := cs.VPN.DeleteVpnGateway(cs.VPN.NewDeleteVpnGatewayParams(vpnGateway.Id))
		must(err)
		eq("success", r.Success, true)
		_, count, err := cs.VPN.GetVpnGatewayByID(vpnGateway.Id)
		check(err != nil && count == 0, "still found after delete: count %d, %v", count, err)
		return "gone"
	})

	step("deleteVpnCustomerGateway", func() string {
		r, err := cs.VPN.DeleteVpnCustomerGateway(cs.VPN.NewDeleteVpnCustomerGatewayParams(customer.Id))
		must(err)
		eq("success", r.Success, true)
		_, count, err := cs.VPN.GetVpnCustomerGatewayByID(customer.Id)
		check(err != nil && count == 0, "still found after delete: count %d, %v", count, err)
		return "gone"
	})

	step("deleteNetwork", func() string {
		r, err := cs.Network.DeleteNetwork(cs.Network.NewDeleteNetworkParams(tier.Id))
		must(err)
		eq("success", r.Success, true)
		return "gone"
	})

	step("deleteVPC", func() string {
		r, err := cs.VPC.DeleteVPC(cs.VPC.NewDeleteVPCParams(vpc.Id))
		must(err)
		eq("success", r.Success, true)
		_, count, err := cs.VPC.GetVPCByID(vpc.Id)
		check(err != nil && count == 0, "still found after delete: count %d, %v", count, err)
		return "gone"
	})
}

var customerFields = []string{"id", "name", "gateway", "cidrlist", "ipsecpsk", "ikepolicy", "esppolicy", "ikelifetime",
	"esplifetime", "dpd", "forceencap", "account", "domainid", "domain"}
var gatewayFields = []string{"id", "publicip", "vpcid", "account", "domainid", "domain", "fordisplay"}
var connectionFields = []string{"id", "s2svpngatewayid", "publicip", "s2scustomergatewayid", "gateway", "cidrlist", "ipsecpsk",
	"ikepolicy", "esppolicy", "ikelifetime", "esplifetime", "dpd", "forceencap", "passive", "fordisplay", "state", "created",
	"account", "domainid", "domain"}

// awaitConnected polls GetVpnConnectionByID, as Terraform reads a resource, until the state is Connected (15 s at most).
func awaitConnected(cs *cloudstack.CloudStackClient, id string) string {
	start := time.Now()
	var states []string
	for {
		c, count, err := cs.VPN.GetVpnConnectionByID(id)
		must(err)
		eq("count", count, 1)
		eq("id", c.Id, id)
		if len(states) == 0 || states[len(states)-1] != c.State {
			states = append(states, c.State)
		}
		if c.State == "Connected" {
			present(rawList("listVpnConnections", "vpnconnection"), connectionFields...)
			return fmt.Sprintf("%s after %d ms", strings.Join(states, " -> "), time.Since(start).Milliseconds())
		}
		check(time.Since(start) < 15*time.Second, "not Connected within 15 s: %s", strings.Join(states, " -> "))
		time.Sleep(200 * time.Millisecond)
	}
}

func sameVpc(v *cloudstack.VPC, want *cloudstack.CreateVPCResponse) {
	eq("id", v.Id, want.Id)
	eq("name", v.Name, want.Name)
	eq("displaytext", v.Displaytext, want.Displaytext)
	eq("cidr", v.Cidr, want.Cidr)
	eq("zoneid", v.Zoneid, want.Zoneid)
	eq("vpcofferingid", v.Vpcofferingid, want.Vpcofferingid)
	eq("state", v.State, want.State)
	eq("created", v.Created, want.Created)
	present(rawList("listVPCs", "vpc"), "id", "name", "displaytext", "cidr", "zoneid", "zonename", "vpcofferingid", "state",
		"account", "domainid", "domain", "created")
}

// ---- steps and checks ----

type failure string

func step(name string, f func() string) {
	start := time.Now()
	defer func() {
		if r := recover(); r != nil {
			fmt.Printf("FAIL %s: %v\n", name, r)
			recorder.dump(4)
			os.Exit(1)
		}
	}()
	detail := f()
	fmt.Printf("ok   %-38s %s (%d ms)\n", name, detail, time.Since(start).Milliseconds())
}

func check(ok bool, format string, args ...interface{}) {
	if !ok {
		panic(failure(fmt.Sprintf(format, args...)))
	}
}

// must fails on an error, which includes a JSON value the library's struct cannot hold ("json: cannot unmarshal ...").
func must(err error) {
	if err != nil {
		panic(failure("go-cloudstack: " + err.Error()))
	}
}

func eq(what string, got, want interface{}) {
	check(reflect.DeepEqual(got, want), "%s is %#v, expected %#v", what, got, want)
}

var uuid = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

func isID(what, id string) {
	check(uuid.MatchString(id) && cloudstack.IsID(id), "%s %q is not a lower-case UUID", what, id)
}

func isDate(what, value string) {
	check(created.MatchString(value), "%s %q is not yyyy-MM-dd'T'HH:mm:ssZ", what, value)
}

func isIPv4(what, value string) {
	ip := net.ParseIP(value)
	check(ip != nil && ip.To4() != nil, "%s %q is not an IPv4 address", what, value)
}

// present fails unless every field is in the raw JSON object: the library would read a missing one as its zero value.
func present(object map[string]interface{}, fields ...string) {
	var missing []string
	for _, f := range fields {
		if _, ok := object[f]; !ok {
			missing = append(missing, f)
		}
	}
	check(len(missing) == 0, "fields %v are missing from %v", missing, object)
}

// rawJob is the object under key in the jobresult of the last queryAsyncJobResult answer.
func rawJob(key string) map[string]interface{} {
	return rawAt("queryAsyncJobResult", "queryasyncjobresultresponse", "jobresult", key)
}

// rawResult is the object under key in the last answer to a synchronous command.
func rawResult(command, key string) map[string]interface{} {
	return rawAt(command, strings.ToLower(command)+"response", key)
}

// rawList is the first item of the list under key in the last answer to command.
func rawList(command, key string) map[string]interface{} {
	return rawAt(command, strings.ToLower(command)+"response", key, "0")
}

func rawAt(command string, path ...string) map[string]interface{} {
	body := recorder.last(command)
	check(body != nil, "no %s answer was recorded", command)
	var v interface{}
	check(json.Unmarshal(body, &v) == nil, "%s answered with invalid JSON: %s", command, body)
	for _, p := range path {
		switch node := v.(type) {
		case map[string]interface{}:
			v = node[p]
		case []interface{}:
			check(len(node) > 0, "%s: empty list at %s in %s", command, p, body)
			v = node[0]
		}
	}
	object, ok := v.(map[string]interface{})
	check(ok, "%s: no object at %v in %s", command, path, body)
	return object
}

// ---- the recording proxy: the client talks to the server through it, unchanged, and failures show the exchanges ----

type exchange struct {
	command, request string
	status           int
	body             []byte
}

type recording struct {
	mu        sync.Mutex
	exchanges []exchange
}

var recorder = &recording{}

func startRecorder(endpoint string) (string, error) {
	target, err := url.Parse(endpoint)
	if err != nil {
		return "", err
	}
	proxy := &httputil.ReverseProxy{
		Director: func(r *http.Request) {
			r.URL.Scheme = target.Scheme
			r.URL.Host = target.Host
			r.Host = target.Host
			r.Header["X-Forwarded-For"] = nil // sent exactly as the client wrote it
		},
		ModifyResponse: func(resp *http.Response) error {
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				return err
			}
			resp.Body = io.NopCloser(bytes.NewReader(body))
			e := exchange{resp.Request.URL.Query().Get("command"), resp.Request.Method + " " + resp.Request.URL.RequestURI(),
				resp.StatusCode, body}
			recorder.add(e)
			if os.Getenv("GOCS_TRACE") != "" {
				e.print()
			}
			return nil
		},
	}
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	go http.Serve(listener, proxy)
	traced := *target
	traced.Host = listener.Addr().String()
	return traced.String(), nil
}

func (r *recording) add(e exchange) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.exchanges = append(r.exchanges, e)
}

func (r *recording) last(command string) []byte {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := len(r.exchanges) - 1; i >= 0; i-- {
		if r.exchanges[i].command == command {
			return r.exchanges[i].body
		}
	}
	return nil
}

func (r *recording) dump(n int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	from := len(r.exchanges) - n
	if from < 0 {
		from = 0
	}
	for _, e := range r.exchanges[from:] {
		e.print()
	}
}

func (e exchange) print() {
	fmt.Printf("     > %s\n     < %d %s\n", e.request, e.status, e.body)
}
