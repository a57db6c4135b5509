# Uncaught TypeError from adding a str to an int.
count = 3
print('count is ' + str(count))
print(count + ' items')
