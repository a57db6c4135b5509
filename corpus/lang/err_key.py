# Uncaught KeyError shows the key with repr().
config = {'host': 'localhost', 'port': 8080}
print(config['host'], config['port'])
print(config['user name'])
