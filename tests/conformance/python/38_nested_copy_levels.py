# title: Alias, shallow copy and deep copy side by side
import copy
matrix = [[1, 2], [3, 4]]
alias = matrix
shallow = matrix[:]
deep = copy.deepcopy(matrix)
matrix[0][0] = 'A'
matrix.append([5, 6])
print(alias)
print(shallow)
print(deep)
print(alias is matrix, shallow[0] is matrix[0], deep[0] is matrix[0])
