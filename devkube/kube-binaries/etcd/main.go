// Command etcd is the etcd server, built from go.etcd.io/etcd/server/v3 at the version
// Kubernetes itself pins, so devkube's storage matches what the API server was tested with.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
