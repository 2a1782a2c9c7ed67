// The four Istio mirroring tutorials' manifests, verbatim (tutorial-manifests.test.ts checks them
// against the repository's tutorials/ folder), so the demo scenarios run without the repository around them.

export const TUTORIAL_FILES = [
  'hello-mirroring-mirror.yaml',
  'hello-mirroring-workloads.yaml',
  'httpbin-mirror.yaml',
  'httpbin-route-v1.yaml',
  'httpbin-workloads.yaml',
  'istioapp-mirror.yaml',
  'istioapp-route.yaml',
  'istioapp-service.yaml',
  'music-canary.yaml',
  'music-gateway.yaml',
  'music-mirror.yaml',
  'music-shift.yaml',
] as const;

export type TutorialFile = (typeof TUTORIAL_FILES)[number];

export const TUTORIAL_MANIFESTS: Readonly<Record<TutorialFile, string>> = Object.freeze({
  'hello-mirroring-mirror.yaml': `apiVersion: networking.istio.io/v1alpha3
kind: Gateway
metadata:
  name: istio-mirroring-gateway
spec:
  selector:
    istio: ingressgateway # use istio default controller
  servers:
  - port:
      number: 80
      name: http
      protocol: HTTP
    hosts:
    - "*"
---
apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: istio-mirroring-app
spec:
  hosts:
  - "*"
  gateways:
  - istio-mirroring-gateway
  http:
  - route:
    - destination:
        host: istio-mirroring-app
        subset: v1
        port:
          number: 8080
      weight: 100
    mirror:
      host: istio-mirroring-app
      subset: v2
      port:
        number: 8080
---
apiVersion: networking.istio.io/v1alpha3
kind: DestinationRule
metadata:
  name: istio-mirroring-app
spec:
  host: istio-mirroring-app
  trafficPolicy:
    tls:
      mode: ISTIO_MUTUAL
  subsets:
  - name: v1
    labels:
      version: v1
  - name: v2
    labels:
      version: v2
`,
  'hello-mirroring-workloads.yaml': `apiVersion: v1
kind: Service
metadata:
  name: istio-mirroring-app
  labels:
    app: istio-mirroring-app
spec:
  ports:
  - port: 8080
    name: http
  selector:
    app: istio-mirroring-app
---
apiVersion: extensions/v1beta1
kind: Deployment
metadata:
  name: istio-mirroring-app-deployment-v1
spec:
  replicas: 1
  template:
    metadata:
      labels:
        app: istio-mirroring-app
        version: v1
    spec:
      containers:
      - name: istio-mirroring-app
        image: pmusale/istiomirroring:1.0
        imagePullPolicy: Always
        ports:
        - containerPort: 8080
---
apiVersion: extensions/v1beta1
kind: Deployment
metadata:
  name: istio-mirroring-app-deployment-v2
spec:
  replicas: 1
  template:
    metadata:
      labels:
        app: istio-mirroring-app
        version: v2
    spec:
      containers:
      - name: istio-mirroring-app
        image: pmusale/istiomirroring:1.0
        imagePullPolicy: Always
        ports:
        - containerPort: 8080
`,
  'httpbin-mirror.yaml': `apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: httpbin
spec:
  hosts:
  - httpbin
  http:
  - route:
    - destination:
        host: httpbin
        subset: v1
      weight: 100
    mirror:
      host: httpbin
      subset: v2
    mirrorPercentage:
      value: 100.0
`,
  'httpbin-route-v1.yaml': `apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: httpbin
spec:
  hosts:
  - httpbin
  http:
  - route:
    - destination:
        host: httpbin
        subset: v1
      weight: 100
---
apiVersion: networking.istio.io/v1alpha3
kind: DestinationRule
metadata:
  name: httpbin
spec:
  host: httpbin
  subsets:
  - name: v1
    labels:
      version: v1
  - name: v2
    labels:
      version: v2
`,
  'httpbin-workloads.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: httpbin-v1
spec:
  replicas: 1
  selector:
    matchLabels:
      app: httpbin
      version: v1
  template:
    metadata:
      labels:
        app: httpbin
        version: v1
    spec:
      containers:
      - image: docker.io/kennethreitz/httpbin
        imagePullPolicy: IfNotPresent
        name: httpbin
        command: ["gunicorn", "--access-logfile", "-", "-b", "0.0.0.0:80", "httpbin:app"]
        ports:
        - containerPort: 80
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: httpbin-v2
spec:
  replicas: 1
  selector:
    matchLabels:
      app: httpbin
      version: v2
  template:
    metadata:
      labels:
        app: httpbin
        version: v2
    spec:
      containers:
      - image: docker.io/kennethreitz/httpbin
        imagePullPolicy: IfNotPresent
        name: httpbin
        command: ["gunicorn", "--access-logfile", "-", "-b", "0.0.0.0:80", "httpbin:app"]
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: httpbin
  labels:
    app: httpbin
spec:
  ports:
  - name: http
    port: 8000
    targetPort: 80
  selector:
    app: httpbin
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: sleep
spec:
  replicas: 1
  selector:
    matchLabels:
      app: sleep
  template:
    metadata:
      labels:
        app: sleep
    spec:
      containers:
      - name: sleep
        image: curlimages/curl
        command: ["/bin/sleep","3650d"]
        imagePullPolicy: IfNotPresent
`,
  'istioapp-mirror.yaml': `apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: istioapp-virtualservice
spec:
  hosts:
    - istioapp-service.default.svc.cluster.local
  http:
    - route:
        - destination:
            host: istioapp-service.default.svc.cluster.local
            subset: v1
          weight: 100
      mirror:
        host: istioapp-service.default.svc.cluster.local
        subset: v2
      mirrorPercentage:
        value: 100
---
apiVersion: networking.istio.io/v1alpha3
kind: DestinationRule
metadata:
  name: istioapp-destinationrule
spec:
  host: istioapp-service.default.svc.cluster.local
  subsets:
  - name: v1
    labels:
      app: istioapp
      version: v1
  - name: v2
    labels:
      app: istioapp
      version: v2
`,
  'istioapp-route.yaml': `apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: istioapp-virtualservice
spec:
  hosts:
    - istioapp-service.default.svc.cluster.local
  http:
    - route:
        - destination:
            host: istioapp-service.default.svc.cluster.local
            subset: v1
---
apiVersion: networking.istio.io/v1alpha3
kind: DestinationRule
metadata:
  name: istioapp-destinationrule
spec:
  host: istioapp-service.default.svc.cluster.local
  subsets:
  - name: v1
    labels:
      app: istioapp
      version: v1
`,
  'istioapp-service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: istioapp-service
spec:
  selector:
    app: istioapp
  ports:
    - protocol: TCP
      port: 8080
      targetPort: 8080
  type: NodePort
`,
  'music-canary.yaml': `apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: back-virtualservice
  namespace: music
spec:
  hosts:
  - back
  http:
  - route:
    - destination:
        host: back
        subset: 'v1'
      weight: 90
    - destination:
        host: back
        subset: 'v2'
      weight: 10
`,
  'music-gateway.yaml': `apiVersion: networking.istio.io/v1alpha3
kind: Gateway
metadata:
  name: music-gateway
  namespace: music
  labels:
    gateway: music-gateway
    istio: ingressgateway
spec:
  selector:
    istio: ingressgateway
  servers:
  - port:
      number: 80
      name: http
      protocol: HTTP
    hosts:
    - "*"
  - port:
      number: 80
      name: http2
      protocol: HTTP2
    hosts:
    - "*"
---
apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: back-gw-virtualservice
  namespace: music
  labels:
    service: back-gw-virtualservice
spec:
  hosts:
  - "*"
  gateways:
  - music-gateway
  http:
  - match:
    - uri:
        prefix: /back
    route:
    - destination:
        host: back
  - match:
    - uri:
        prefix: /
    route:
    - destination:
        host: front
`,
  'music-mirror.yaml': `apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: back-virtualservice
  namespace: music
spec:
  hosts:
  - back
  http:
  - route:
    - destination:
        host: back
        subset: v2
      weight: 100
    mirror:
      host: back
      subset: v3
`,
  'music-shift.yaml': `apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: back-virtualservice
  namespace: music
spec:
  hosts:
  - back
  http:
  - route:
    - destination:
        host: back
        subset: v2
      weight: 30
    - destination:
        host: back
        subset: v3
      weight: 70
`,
});
